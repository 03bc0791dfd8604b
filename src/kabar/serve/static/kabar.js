// Hover cards on the timeline charts. Reads only data attributes the server escaped; writes text, never HTML.
(function () {
  var card = document.createElement("div");
  card.id = "card";
  document.body.appendChild(card);
  document.querySelectorAll("svg.timeline .point").forEach(function (point) {
    point.addEventListener("mouseenter", function (event) {
      card.textContent = point.getAttribute("data-card");
      card.style.display = "block";
      card.style.left = (event.clientX + 12) + "px";
      card.style.top = (event.clientY + 12) + "px";
    });
    point.addEventListener("mouseleave", function () { card.style.display = "none"; });
    point.addEventListener("click", function () {
      var row = document.getElementById("claim-" + point.getAttribute("data-claim"));
      if (row) { row.scrollIntoView({block: "center"}); }
    });
  });
  var mark = document.querySelector(".article .highlight");
  if (mark) { mark.scrollIntoView({block: "center"}); }
  document.body.setAttribute("data-ready", "yes");
})();
