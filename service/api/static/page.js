// crosscheck's page: details on hover or keyboard focus, and summary sentences lighting their support.
// The page works without this script (marks are links to the claim cards; support is listed under each
// sentence); it only saves a scroll.
(function () {
  "use strict";
  var pop;
  function show(target, nodes) {
    pop.replaceChildren.apply(pop, nodes);
    var r = target.getBoundingClientRect();
    pop.hidden = false;
    var top = r.bottom + 6, left = Math.min(r.left, window.innerWidth - pop.offsetWidth - 8);
    if (top + pop.offsetHeight > window.innerHeight) top = Math.max(8, r.top - pop.offsetHeight - 6);
    pop.style.top = top + "px";
    pop.style.left = Math.max(8, left) + "px";
  }
  function hide() { pop.hidden = true; }
  function cards(ids) {
    return ids.map(function (id) { return document.getElementById("claim-" + id); })
      .filter(Boolean).map(function (card) {
        var copy = card.cloneNode(true);
        copy.removeAttribute("id");
        return copy;
      });
  }
  function light(selector, on) {
    document.querySelectorAll(selector).forEach(function (el) { el.classList.toggle("lit", on); });
  }
  function enter(ev) {
    var el = ev.target.closest && ev.target.closest("a.claim[data-claims], mark.loaded[data-note], [data-sentence]");
    if (!el) return;
    if (el.dataset.sentence) { light('[data-support~="' + el.dataset.sentence + '"]', true); return; }
    // A loaded term inside a claim shows the term's note, then the claim.
    var claim = el.matches("mark.loaded") ? el.closest("a.claim[data-claims]") : el;
    var nodes = claim ? cards(claim.dataset.claims.split(" ")) : [];
    if (el.matches("mark.loaded")) {
      var p = document.createElement("p");
      p.className = "note";
      p.textContent = el.dataset.note;
      nodes.unshift(p);
    }
    if (nodes.length) show(el, nodes);
  }
  function leave(ev) {
    var el = ev.target.closest && ev.target.closest("[data-sentence]");
    if (el) light('[data-support~="' + el.dataset.sentence + '"]', false);
    hide();
  }
  document.addEventListener("DOMContentLoaded", function () {
    pop = document.getElementById("popover");
    if (!pop) return;
    document.addEventListener("mouseover", enter);
    document.addEventListener("focusin", enter);
    document.addEventListener("mouseout", leave);
    document.addEventListener("focusout", leave);
    document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") hide(); });
    window.addEventListener("pageshow", function () {  // back from the job's page: the form works again
      document.querySelectorAll("form.job-form button[type=submit][disabled]").forEach(function (b) {
        b.disabled = false;
        b.textContent = b.dataset.label || b.textContent;
      });
    });
    // A form that starts long work: say so at once (the server answers with the job's page).
    document.querySelectorAll("form.job-form").forEach(function (form) {
      form.addEventListener("submit", function () {
        var b = form.querySelector("button[type=submit]");
        if (b) { b.dataset.label = b.textContent; b.disabled = true; b.textContent = "Sending…"; }
      });
    });
  });
})();
