-- The nodes of an entity, to find its mentions through the spans' node index (the entity page).
CREATE INDEX entity_nodes_entity ON entity_nodes (entity);
