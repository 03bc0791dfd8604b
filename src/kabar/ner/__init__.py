"""Named entities: a CRF trained by `kabar train ner` from human-annotated Indonesian NER sets, with
gazetteer, word-shape and proper-noun-lexicon features. The trained model ships in `ner/model/`."""
