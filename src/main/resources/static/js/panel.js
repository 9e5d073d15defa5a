// Handover control panel: small enhancements; every page works without them.
(function () {
  "use strict";
  var lang = document.documentElement.lang || undefined;

  // Dates and times: the server writes them in UTC; show them in the reader's time zone and language.
  var formats = {
    datetime: { dateStyle: "medium", timeStyle: "short" },
    date: { dateStyle: "medium" }
  };
  document.querySelectorAll("time[datetime][data-format]").forEach(function (t) {
    var when = new Date(t.getAttribute("datetime"));
    if (isNaN(when)) { return; }
    var format = new Intl.DateTimeFormat(lang, formats[t.dataset.format] || formats.datetime);
    t.textContent = format.format(when);
    t.title = Intl.DateTimeFormat().resolvedOptions().timeZone;
  });

  // Copy buttons for keys and secrets.
  document.querySelectorAll("button[data-copy]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () {
      var source = document.getElementById(b.dataset.copy);
      if (!source || !navigator.clipboard) { return; }
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        b.textContent = b.dataset.copied;
      });
    });
  });

  // The account menu closes with Escape or a click elsewhere, like any menu.
  var menu = document.querySelector("details.account");
  if (menu) {
    document.addEventListener("click", function (e) {
      if (menu.open && !menu.contains(e.target)) { menu.open = false; }
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  }
})();

// The demo mailbox: the email preview grows to the email's full height, so nothing is cut.
(function () {
  "use strict";
  var frame = document.getElementById("mail-preview");
  if (!frame) { return; }
  function fit() {
    try {
      var doc = frame.contentDocument;
      if (doc && doc.documentElement) {
        frame.style.height = doc.documentElement.scrollHeight + 24 + "px";
      }
    } catch (e) { /* a frame we cannot read keeps its CSS height */ }
  }
  frame.addEventListener("load", fit);
  window.addEventListener("resize", fit);
  fit();
})();
