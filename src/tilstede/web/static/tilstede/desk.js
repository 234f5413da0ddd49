/* Tilstede's keyboard shortcuts and small helpers; everything also works without them.
 *
 * j/k move between items, a approves, h opens the hide choice, e escalates, r replies
 * (the item's page, the cursor in the reply), x selects for a bulk action, o or Enter
 * opens, ? shows the help. After a decision in the queue the next item has the focus.
 * Nothing fires while the cursor is in a text field, a select or with a modifier key held.
 */
(function () {
  "use strict";

  var refocus = null;

  function typing(target) {
    if (!target) return false;
    if (target.isContentEditable) return true;
    return /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  }

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll(".queue > .row"));
  }

  function current() {
    var el = document.activeElement;
    var row = el && el.closest ? el.closest(".queue > .row") : null;
    if (row) return row;
    var list = rows();
    return list.length === 1 ? list[0] : null; // the item page has one row
  }

  var threadTimer = null;
  function loadThread(row) {
    var panel = document.getElementById("thread-panel");
    if (!panel || !window.htmx || !row.dataset.thread) return;
    clearTimeout(threadTimer);
    threadTimer = setTimeout(function () {
      window.htmx.ajax("GET", row.dataset.thread, { target: panel, swap: "innerHTML" });
    }, 150);
  }

  function focusRow(row) {
    if (!row) return;
    row.focus();
    row.scrollIntoView({ block: "nearest" });
    loadThread(row);
  }

  function move(step) {
    var list = rows();
    if (!list.length) return;
    var cur = current();
    var i = cur ? list.indexOf(cur) + step : 0;
    i = Math.max(0, Math.min(list.length - 1, i));
    focusRow(list[i]);
  }

  function act(row, selector) {
    var form = row && row.querySelector(selector);
    if (!form) return false;
    refocus = row.id;
    form.requestSubmit();
    return true;
  }

  function openHide(row) {
    var details = row && row.querySelector("details.act-hide");
    if (!details) return false;
    details.open = true;
    var select = details.querySelector("select");
    if (select) select.focus();
    return true;
  }

  function help() {
    var dialog = document.getElementById("help");
    if (dialog && !dialog.open) dialog.showModal();
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (typing(target)) {
      var hide = target.closest && target.closest("details.act-hide");
      if (hide && target.tagName === "SELECT" && event.key === "Enter") {
        event.preventDefault();
        refocus = hide.closest(".row") ? hide.closest(".row").id : null;
        target.form.requestSubmit();
      } else if (hide && event.key === "Escape") {
        hide.open = false;
        focusRow(hide.closest(".row"));
      }
      return;
    }
    if (document.querySelector("dialog[open]")) return; // the dialog handles its own keys
    var row = current();
    var handled = true;
    switch (event.key) {
      case "?":
        help();
        break;
      case "j":
        move(1);
        break;
      case "k":
        move(-1);
        break;
      case "a":
        handled = act(row, "form.act-approve");
        break;
      case "e":
        handled = act(row, "form.act-escalate");
        break;
      case "h":
        handled = openHide(row);
        break;
      case "r":
        var reply = row && row.querySelector("a.act-reply");
        if (reply) window.location.href = reply.href;
        else handled = false;
        break;
      case "x":
        var box = row && row.querySelector("input.select");
        if (box) box.checked = !box.checked;
        else handled = false;
        break;
      case "o":
      case "Enter":
        if (row && (event.key === "o" || document.activeElement === row)) {
          window.location.href = row.dataset.url;
        } else handled = false;
        break;
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    var opener = event.target.closest && event.target.closest("[data-open-help]");
    if (opener) help();
    var copy = event.target.closest && event.target.closest("[data-copy]");
    if (copy) {
      var field = document.getElementById(copy.dataset.copy);
      if (field) {
        field.select();
        if (navigator.clipboard) navigator.clipboard.writeText(field.value);
      }
    }
    var row = event.target.closest && event.target.closest(".queue > .row");
    if (row && rows().length > 1) loadThread(row);
  });

  // A decision from a row of the queue (a key or a button): note the item after it (or
  // before it, for the last), which gets the focus once the answer is in. The decided
  // row is swapped in place, or taken out where it no longer fits the list's filters.
  var decided = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail && event.detail.elt;
    var row = form && form.closest ? form.closest(".queue > .row") : null;
    if (!row || form.getAttribute("hx-target") !== "#" + row.id) return;
    var list = rows();
    var i = list.indexOf(row);
    var after = list.length > 1 ? list[i + 1] || list[i - 1] : null;
    decided = { row: row.id, next: after ? after.id : null };
  });

  document.addEventListener("htmx:afterSettle", function () {
    var target = null;
    if (decided) {
      target = document.getElementById(decided.next || "") || document.getElementById(decided.row);
      decided = null;
      refocus = null;
      if (target) focusRow(target);
      return;
    }
    // Anything else htmx replaced in a row (the revealed text): the focus goes back to it.
    if (!refocus) return;
    target = document.getElementById(refocus);
    refocus = null;
    if (target) target.focus();
  });

  // "r" opens the item's page at its reply form: the cursor goes into the reply. After
  // the load, as the browser's own jump to #reply moves the focus back to the page.
  if (window.location.hash === "#reply") {
    window.addEventListener("load", function () {
      setTimeout(function () {
        var field = document.querySelector("#reply textarea");
        if (field && document.activeElement === document.body) field.focus();
      }, 0);
    });
  }
})();
