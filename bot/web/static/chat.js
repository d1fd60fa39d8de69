// The chat page's script: sends the forms with fetch and adds each reply to the log as text nodes.
// Without it every form still works as a plain post. It never inserts markup: replies arrive as runs of
// text with a style name from a fixed list, and elements are built from those names.
"use strict";
(function () {
  var TAGS = { b: "b", i: "i", u: "u", s: "s", code: "code", pre: "code", quote: "em" };
  var body = document.body;
  var log = document.getElementById("log");
  var status = document.getElementById("status");
  var composer = document.getElementById("composer");
  var textarea = document.getElementById("text");
  if (!log || !composer) return;
  var csrf = composer.elements.csrf.value;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function hidden(name, value) {
    var input = element("input");
    input.type = "hidden"; input.name = name; input.value = value;
    return input;
  }

  function runsInto(parent, runs, verdict) {
    runs.forEach(function (run) {
      var styles = run.s || [];
      if (styles.indexOf("verdict") >= 0) {
        var emoji = element("span", "verdict-emoji", run.t);
        emoji.setAttribute("role", "img");
        emoji.setAttribute("aria-label", body.getAttribute("data-verdict-" + verdict) || "");
        parent.appendChild(emoji);
        return;
      }
      var node = document.createTextNode(run.t);
      for (var i = styles.length - 1; i >= 0; i--) {
        var wrap = element(TAGS[styles[i]] || "span");
        wrap.appendChild(node);
        node = wrap;
      }
      if (run.h && /^https?:\/\//i.test(run.h)) {
        var link = element("a");
        link.href = run.h; link.rel = "noopener noreferrer";
        link.appendChild(node);
        node = link;
      }
      parent.appendChild(node);
    });
  }

  function build(message) {
    var item = element("div", "msg " + message.role + (message.verdict ? " verdict verdict-" + message.verdict : ""));
    item.id = "m" + message.id;
    if (message.role === "user") item.appendChild(element("span", "visually-hidden", body.dataset.you + ": "));
    var text = element("p", "text");
    runsInto(text, message.runs, message.verdict);
    item.appendChild(text);
    if (message.buttons && message.buttons.length) {
      var form = element("form", "buttons");
      form.action = "/press"; form.method = "post";
      form.appendChild(hidden("csrf", csrf));
      form.appendChild(hidden("message", String(message.id)));
      message.buttons.forEach(function (row) {
        var line = element("div", "row");
        row.forEach(function (button) {
          if (button.url) {
            var link = element("a", "button", button.label);
            link.href = button.url; link.rel = "noopener noreferrer";
            line.appendChild(link);
          } else {
            var press = element("button", null, button.label);
            press.type = "submit"; press.name = "data"; press.value = button.data;
            line.appendChild(press);
          }
        });
        form.appendChild(line);
      });
      item.appendChild(form);
    }
    return item;
  }

  function show(message) {
    var item = build(message);
    var old = document.getElementById(item.id);
    if (old) old.replaceWith(item); else log.appendChild(item);
    return item;
  }

  function setBusy(form, busy) {
    Array.prototype.forEach.call(form.querySelectorAll("button"), function (b) { b.disabled = busy; });
    if (busy) status.textContent = body.dataset.working;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute("data-plain") || !form.action) return;
    event.preventDefault();
    var data = event.submitter ? new FormData(form, event.submitter) : new FormData(form);
    setBusy(form, true);
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin",
                         headers: { "Accept": "application/json", "X-CSRF-Token": csrf } })
      .then(function (response) { return response.json().then(function (json) { return [response, json]; }); })
      .then(function (pair) {
        var response = pair[0], json = pair[1];
        if (json.reload) { window.location.assign("/"); return; }
        var last = null;
        var pressedIn = form.closest(".msg");
        (json.messages || []).forEach(function (m) { last = show(m); });
        status.textContent = json.notice || "";
        if (response.ok && form === composer) composer.reset();
        if (last) last.scrollIntoView({ block: "nearest" });
        if (pressedIn && !pressedIn.isConnected) {
          // The pressed message was replaced (a walk-through step): keep the keyboard in it.
          var again = document.getElementById(pressedIn.id);
          var button = again && again.querySelector("button");
          if (button) button.focus();
        }
      })
      .catch(function () { status.textContent = body.dataset.failed; })
      .then(function () {
        setBusy(form, false);
        if (form === composer) textarea.focus();
      });
  });

  textarea.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
})();
