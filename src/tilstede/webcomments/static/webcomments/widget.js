/*
 * Tilstede's comment field, embedded on the agency's own pages with
 *
 *   <div id="tilstede-kommentarer"></div>
 *   <script src="https://tilstede.example.no/c/widget.js" data-site="KEY" defer></script>
 *
 * Optional attributes on the script tag: data-container (id of the container, default
 * "tilstede-kommentarer"), data-page (the page's address, default this page without
 * "#..."), data-heading-level (2 to 5, default 2), data-language ("nb", "nn" or "en": the
 * field's language on this page). A page with a Content-Security-Policy must allow
 * Tilstede's address in script-src, style-src and connect-src.
 *
 * Language: the language the visitor chose in the field before (kept in this browser's
 * localStorage for the agency's site: the field runs on the agency's origin and calls
 * Tilstede without cookies, so Django's language cookie cannot reach it), else
 * data-language if the agency set it (the field's default on this page), else the page's
 * <html lang>, else bokmål: a citizen's own choice is never undone by the page. Every call asks
 * Tilstede for that language (?lang=), and every word and date comes back in it.
 *
 * Order on the page follows the guide [2.5, 3.4]: the privacy warning and the house rules
 * come before the form. Before a comment is sent the draft is checked; when personal data
 * or a case matter is found, the visitor is told what was found (never the text) and may
 * edit or send anyway. All text is built with textContent, never as HTML.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !script.getAttribute("data-site")) {
    return;
  }
  var key = script.getAttribute("data-site");
  var base = new URL(".", script.src).href; // .../c/
  var api = base + encodeURIComponent(key) + "/";
  var level = Math.min(5, Math.max(2, parseInt(script.getAttribute("data-heading-level") || "2", 10) || 2));
  var pageUrl = script.getAttribute("data-page") || location.origin + location.pathname + location.search;
  var uid = "tswc-" + Math.random().toString(36).slice(2, 8);

  // The field's words come from Tilstede in the language asked for (config.json); this
  // one sentence is for when Tilstede cannot be reached at all.
  var LOAD_FAILED = {
    nb: "Kommentarfeltet kunne ikke lastes. Prøv igjen senere.",
    nn: "Kommentarfeltet kunne ikkje lastast. Prøv igjen seinare.",
    en: "The comment field could not be loaded. Please try again later."
  };
  var LANGUAGES = ["nb", "nn", "en"];
  var STORED_LANGUAGE = "tilstede-kommentar-sprak";
  var T = {};
  var language = chosenLanguage();

  // "nn-NO" -> "nn", "no" -> "nb"; "" for a language the field is not written in.
  function languageOf(tag) {
    var base = String(tag || "").trim().toLowerCase().replace(/_/g, "-").split("-")[0];
    base = { no: "nb", nob: "nb", nno: "nn", eng: "en" }[base] || base;
    return LANGUAGES.indexOf(base) >= 0 ? base : "";
  }

  function rememberedLanguage() {
    try {
      return languageOf(window.localStorage.getItem(STORED_LANGUAGE));
    } catch (e) {
      return "";
    }
  }

  function rememberLanguage(code) {
    try {
      window.localStorage.setItem(STORED_LANGUAGE, code);
    } catch (e) {
      // no storage: the choice holds until the page is left
    }
  }

  // The agency's data-language, else the visitor's remembered choice, else the page's
  // own language, else bokmål.
  function chosenLanguage() {
    return (
      rememberedLanguage() ||
      languageOf(script.getAttribute("data-language")) ||
      languageOf(document.documentElement.lang) ||
      "nb"
    );
  }

  // Fill "%(name)s" with what a person wrote; the words around it are the catalogue's.
  function fill(template, values) {
    return String(template || "").replace(/%\((\w+)\)s/g, function (_m, name) {
      return values[name] || "";
    });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) {
        return;
      }
      if (name === "text") {
        node.textContent = value;
      } else if (name === "className") {
        node.className = value;
      } else {
        node.setAttribute(name, value === true ? "" : String(value));
      }
    });
    (children || []).forEach(function (child) {
      if (child) {
        node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
      }
    });
    return node;
  }

  function heading(offset, text, id) {
    return el("h" + Math.min(6, level + offset), { text: text, id: id, className: "tswc-heading" });
  }

  function commenterId() {
    var name = "tilstede-kommentar-id";
    try {
      var id = window.localStorage.getItem(name);
      if (id && /^[A-Za-z0-9_-]{16,64}$/.test(id)) {
        return id;
      }
      var bytes = new Uint8Array(18);
      window.crypto.getRandomValues(bytes);
      id = btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, "-").replace(/\//g, "_");
      window.localStorage.setItem(name, id);
      return id;
    } catch (e) {
      return ""; // no storage: every comment counts as a new commenter's
    }
  }

  function call(method, path, body) {
    var options = { method: method, mode: "cors", credentials: "omit", headers: { Accept: "application/json" } };
    if (body) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    var url = api + path + (path.indexOf("?") < 0 ? "?" : "&") + "lang=" + language;
    return fetch(url, options).then(function (response) {
      return response
        .json()
        .catch(function () {
          return {};
        })
        .then(function (data) {
          return { status: response.status, ok: response.ok, data: data };
        });
    });
  }

  function addStylesheet() {
    var href = base + "widget.css";
    var present = Array.prototype.some.call(document.querySelectorAll("link[rel=stylesheet]"), function (link) {
      return link.href === href;
    });
    if (!present) {
      document.head.appendChild(el("link", { rel: "stylesheet", href: href }));
    }
  }

  function Field(id, label, hint, input) {
    var hintId = id + "-hint";
    var errorId = id + "-error";
    input.id = id;
    input.setAttribute("aria-describedby", hintId);
    var error = el("p", { id: errorId, className: "tswc-error", hidden: true });
    this.input = input;
    this.node = el("div", { className: "tswc-field" }, [
      el("label", { for: id, text: label }),
      el("p", { id: hintId, className: "tswc-hint", text: hint }),
      error,
      input
    ]);
    this.setError = function (message) {
      error.textContent = message || "";
      error.hidden = !message;
      if (message) {
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", hintId + " " + errorId);
      } else {
        input.removeAttribute("aria-invalid");
        input.setAttribute("aria-describedby", hintId);
      }
    };
  }

  // ``keep``: what the visitor had typed and was replying to, when the field is built
  // again in another language.
  function Widget(container, config, keep) {
    var self = this;
    T = config.texts || {};
    this.config = config;
    this.container = container;
    this.replyTo = null;
    var limits = config.limits || { text: 5000, author_name: 80, author_email: 254 };

    // Before the form: the privacy warning, the case notice, the house rules [2.5, 3.4].
    var privacyId = uid + "-privacy";
    var privacy = el("div", { className: "tswc-privacy", id: privacyId }, [
      heading(1, config.privacy.title),
      el("p", { text: config.privacy.text }),
      el("p", {}, [
        config.case_notice + " ",
        config.secure_contact
          ? el("a", { href: config.secure_contact.url, text: config.secure_contact.label })
          : null
      ])
    ]);
    var rules = config.house_rules || { rules: [] };
    var ruleList = el(
      "ol",
      { className: "tswc-rules" },
      rules.rules.map(function (rule) {
        return el("li", {}, [
          el("strong", { text: rule.title }),
          rule.text ? el("span", { text: " – " + rule.text }) : null
        ]);
      })
    );
    var before = el("div", { className: "tswc-before" }, [
      privacy,
      el("div", { className: "tswc-house-rules" }, [
        heading(1, rules.title),
        rules.intro ? el("p", { text: rules.intro }) : null,
        rules.rules.length ? ruleList : null,
        el(
          "ul",
          { className: "tswc-notices" },
          config.moderation.notices.concat([config.response_time]).map(function (text) {
            return el("li", { text: text });
          })
        )
      ])
    ]);

    // The form: a label for every field, hints and errors tied to the field.
    this.name = new Field(uid + "-name", T.name, T.nameHint,
      el("input", { type: "text", name: "author_name", autocomplete: "name", maxlength: limits.author_name, required: true }));
    this.email = new Field(uid + "-email", T.email, T.emailHint,
      el("input", { type: "email", name: "author_email", autocomplete: "email", maxlength: limits.author_email }));
    this.text = new Field(uid + "-text", T.text, T.textHint,
      el("textarea", { name: "text", rows: 6, maxlength: limits.text, required: true }));
    this.honeypot = el("input", { type: "text", name: "website", id: uid + "-website", tabindex: "-1", autocomplete: "off" });
    this.replyBox = el("div", { className: "tswc-replying", hidden: true });
    this.submit = el("button", { type: "submit", className: "tswc-button", text: T.send });
    var formHeadingId = uid + "-form-heading";
    this.form = el("form", { className: "tswc-form", novalidate: true, "aria-labelledby": formHeadingId }, [
      heading(1, T.formHeading, formHeadingId),
      this.replyBox,
      this.name.node,
      this.email.node,
      this.text.node,
      el("div", { className: "tswc-hp", "aria-hidden": "true" }, [
        el("label", { for: uid + "-website", text: T.honeypot }),
        this.honeypot
      ]),
      this.submit
    ]);
    this.status = el("div", { className: "tswc-status", role: "status", "aria-live": "polite" });

    // The nudge: what screening found, by category name; edit or send anyway.
    var nudgeHeadingId = uid + "-nudge-heading";
    this.nudgeList = el("ul", { className: "tswc-found" });
    this.nudgeCase = el("p", { hidden: true });
    this.nudgeFound = el("p", { text: T.nudgeFound });
    this.editButton = el("button", { type: "button", className: "tswc-button", text: T.edit });
    this.anywayButton = el("button", { type: "button", className: "tswc-button tswc-secondary", text: T.sendAnyway });
    this.nudge = el("dialog", { className: "tswc-nudge", "aria-labelledby": nudgeHeadingId }, [
      heading(1, T.nudgeHeading, nudgeHeadingId),
      this.nudgeFound,
      this.nudgeList,
      this.nudgeCase,
      el("p", { text: T.nudgeHeld }),
      el("div", { className: "tswc-actions" }, [this.editButton, this.anywayButton])
    ]);

    var mineHeadingId = uid + "-mine-heading";
    this.mineList = el("ol", { className: "tswc-mine-list" });
    this.mine = el("section", { className: "tswc-mine", "aria-labelledby": mineHeadingId, hidden: true }, [
      heading(1, T.mineHeading, mineHeadingId),
      el("p", { className: "tswc-hint", text: T.mineIntro }),
      this.mineList
    ]);
    this.list = el("ol", { className: "tswc-list" });
    this.empty = el("p", { className: "tswc-empty", text: T.empty });
    // The languages, each named in itself and marked with its own lang; the one shown
    // is pressed. A choice is remembered by this browser for the agency's pages.
    var languagesId = uid + "-languages";
    this.languages = el(
      "div",
      { className: "tswc-languages", role: "group", "aria-labelledby": languagesId },
      [el("span", { id: languagesId, className: "tswc-languages-label", text: T.language })].concat(
        (config.languages || []).map(function (choice) {
          var button = el("button", {
            type: "button",
            className: "tswc-language",
            lang: choice.code,
            "data-language": choice.code,
            "aria-pressed": choice.code === config.language ? "true" : "false",
            text: choice.name
          });
          button.addEventListener("click", function () {
            self.switchTo(choice.code);
          });
          return button;
        })
      )
    );
    var headingId = uid + "-heading";
    container.textContent = "";
    container.appendChild(
      el("section", { className: "tswc", lang: config.language, "aria-labelledby": headingId }, [
        heading(0, T.heading, headingId),
        this.languages,
        before,
        this.form,
        this.status,
        this.nudge,
        this.mine,
        heading(1, T.listHeading),
        this.empty,
        this.list
      ])
    );

    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.onSubmit();
    });
    this.editButton.addEventListener("click", function () {
      self.nudge.close("edit");
    });
    this.anywayButton.addEventListener("click", function () {
      self.nudge.close("send");
    });
    this.nudge.addEventListener("close", function () {
      if (self.nudge.returnValue === "send") {
        self.submit.focus();
        self.send();
      } else {
        self.text.input.focus();
      }
      self.nudge.returnValue = "";
    });

    if (keep) {
      this.name.input.value = keep.name;
      this.email.input.value = keep.email;
      this.text.input.value = keep.text;
      this.setReply(keep.replyTo, true);
    }
  }

  // Build the field again in another language, keeping what the visitor typed; focus
  // stays on the language button they pressed.
  Widget.prototype.switchTo = function (code) {
    var self = this;
    rememberLanguage(code);
    if (code === this.config.language) {
      return;
    }
    var keep = {
      name: this.name.input.value,
      email: this.email.input.value,
      text: this.text.input.value,
      replyTo: this.replyTo
    };
    language = code;
    call("GET", "config.json")
      .then(function (result) {
        if (!result.ok) {
          throw new Error(result.status);
        }
        var widget = new Widget(self.container, result.data, keep);
        self.container.tilstedeWidget = widget;
        var pressed = widget.languages.querySelector('[data-language="' + result.data.language + '"]');
        if (pressed) {
          pressed.focus();
        }
        widget.load().catch(function () {});
      })
      .catch(function () {
        language = self.config.language;
        T = self.config.texts || {};
        self.say(LOAD_FAILED[code] || LOAD_FAILED.nb, true);
      });
  };

  Widget.prototype.say = function (message, isError) {
    var status = this.status;
    status.classList.toggle("tswc-status-error", !!isError);
    status.textContent = "";
    // A fresh node after a tick, so the same message twice is announced twice.
    window.setTimeout(function () {
      status.textContent = message;
    }, 50);
  };

  Widget.prototype.busy = function (on, label) {
    this.submit.disabled = on;
    this.submit.textContent = on ? label : T.send;
  };

  Widget.prototype.validate = function () {
    var problems = [];
    this.name.setError(null);
    this.email.setError(null);
    this.text.setError(null);
    if (!this.name.input.value.trim()) {
      this.name.setError(T.nameMissing);
      problems.push(this.name);
    }
    if (this.email.input.value.trim() && !this.email.input.checkValidity()) {
      this.email.setError(T.emailInvalid);
      problems.push(this.email);
    }
    if (!this.text.input.value.trim()) {
      this.text.setError(T.textMissing);
      problems.push(this.text);
    }
    if (problems.length) {
      problems[0].input.focus();
      this.say(T.fixFields, true);
      return false;
    }
    return true;
  };

  Widget.prototype.onSubmit = function () {
    var self = this;
    if (this.submit.disabled || !this.validate()) {
      return;
    }
    this.busy(true, T.checking);
    call("POST", "check", { text: this.text.input.value, author_name: this.name.input.value, language: language })
      .then(function (result) {
        var verdict = result.ok ? result.data : null;
        if (verdict && (verdict.findings.length || verdict.case_request)) {
          self.busy(false);
          self.showNudge(verdict);
        } else {
          // No verdict (limit reached, network): the server screens on receipt anyway.
          self.send();
        }
      })
      .catch(function () {
        self.send();
      });
  };

  Widget.prototype.showNudge = function (verdict) {
    var config = this.config;
    this.nudgeList.textContent = "";
    verdict.findings.forEach(function (finding) {
      this.nudgeList.appendChild(
        el("li", {}, [el("strong", { text: finding.label }), finding.explanation ? " – " + finding.explanation : ""])
      );
    }, this);
    this.nudgeFound.hidden = this.nudgeList.hidden = !verdict.findings.length;
    this.nudgeCase.textContent = "";
    this.nudgeCase.appendChild(document.createTextNode((verdict.case_request ? T.nudgeCase + " " : "") + config.case_notice + " "));
    if (config.secure_contact) {
      this.nudgeCase.appendChild(el("a", { href: config.secure_contact.url, text: config.secure_contact.label }));
    }
    this.nudgeCase.hidden = false;
    this.nudge.returnValue = "";
    this.nudge.showModal();
    this.editButton.focus();
  };

  Widget.prototype.send = function () {
    var self = this;
    this.busy(true, T.sending);
    var body = {
      page_url: pageUrl,
      author_name: this.name.input.value,
      author_email: this.email.input.value,
      text: this.text.input.value,
      parent: this.replyTo ? this.replyTo.id : "",
      commenter: commenterId(),
      language: language,
      website: this.honeypot.value
    };
    call("POST", "comments", body)
      .then(function (result) {
        self.busy(false);
        var data = result.data || {};
        if (result.ok) {
          self.text.input.value = "";
          self.setReply(null);
          self.say(data.message);
          self.load();
          return;
        }
        var fields = data.fields || {};
        [["author_name", self.name], ["author_email", self.email], ["text", self.text]].forEach(function (pair) {
          pair[1].setError(fields[pair[0]] || null);
        });
        var message = data.message || T.failed;
        if (fields.parent) {
          message += " " + fields.parent;
          self.setReply(null);
        }
        self.say(message, true);
      })
      .catch(function () {
        self.busy(false);
        self.say(T.failed, true);
      });
  };

  Widget.prototype.setReply = function (comment, quietly) {
    var self = this;
    this.replyTo = comment;
    this.replyBox.textContent = "";
    this.replyBox.hidden = !comment;
    if (comment) {
      var cancel = el("button", { type: "button", className: "tswc-link-button", text: T.cancelReply });
      cancel.addEventListener("click", function () {
        self.setReply(null);
        self.text.input.focus();
      });
      this.replyBox.appendChild(el("p", { text: fill(T.replyingTo, { name: comment.author }) }));
      this.replyBox.appendChild(cancel);
      if (!quietly) {
        this.text.input.focus();
      }
    }
  };

  Widget.prototype.renderComment = function (comment, children) {
    var self = this;
    var meta = el("p", { className: "tswc-meta" }, [
      el("strong", { text: comment.from_agency ? fill(T.fromAgency, { name: comment.author }) : comment.author }),
      " · ",
      el("time", { datetime: comment.created_at, text: comment.created_at_text })
    ]);
    var item = el("li", { className: "tswc-comment" + (comment.from_agency ? " tswc-agency" : ""), id: uid + "-" + comment.id }, [
      el("article", {}, [meta, el("p", { className: "tswc-text", text: comment.text })])
    ]);
    if (!comment.from_agency) {
      var button = el("button", { type: "button", className: "tswc-link-button" }, [
        T.reply,
        el("span", { className: "tswc-sr", text: " " + fill(T.replyTo, { name: comment.author }) })
      ]);
      button.addEventListener("click", function () {
        self.setReply(comment);
      });
      item.firstChild.appendChild(button);
    }
    if (children.length) {
      item.appendChild(el("ol", { className: "tswc-replies" }, children));
    }
    return item;
  };

  // The browser's own comments with their state: only this browser's id fetches them.
  Widget.prototype.loadMine = function () {
    var self = this;
    var id = commenterId();
    if (!id) {
      return Promise.resolve();
    }
    return call("POST", "mine", { commenter: id, page_url: pageUrl }).then(function (result) {
      var comments = (result.ok && result.data.comments) || [];
      self.mineList.textContent = "";
      comments.forEach(function (c) {
        // The state in words comes from Tilstede, in the field's language.
        var hidden = c.state === "hidden" || c.state === "removed";
        var lines = [el("p", { className: "tswc-state" + (hidden ? " tswc-state-hidden" : ""), text: c.state_text })];
        if (c.appeal) {
          lines.push(el("p", { className: "tswc-appeal", text: c.appeal_text }));
        } else if (c.appeal_url) {
          lines.push(el("p", {}, [el("a", { href: c.appeal_url, text: T.appealLink })]));
        }
        self.mineList.appendChild(el("li", { className: "tswc-comment tswc-own" }, [
          el("article", {}, [
            el("p", { className: "tswc-meta" }, [
              el("time", { datetime: c.created_at, text: c.created_at_text })
            ]),
            el("p", { className: "tswc-text", text: c.text_withheld ? T.textWithheld : c.text })
          ].concat(lines))
        ]));
      });
      self.mine.hidden = comments.length === 0;
    });
  };

  Widget.prototype.load = function () {
    var self = this;
    this.loadMine().catch(function () {});
    return call("GET", "comments?page=" + encodeURIComponent(pageUrl)).then(function (result) {
      if (!result.ok) {
        return;
      }
      var comments = result.data.comments || [];
      var byParent = {};
      var ids = {};
      comments.forEach(function (c) {
        ids[c.id] = true;
      });
      comments.forEach(function (c) {
        var parent = c.parent && ids[c.parent] ? c.parent : "";
        (byParent[parent] = byParent[parent] || []).push(c);
      });
      function build(parent, depth) {
        return (byParent[parent] || []).map(function (c) {
          return self.renderComment(c, depth < 6 ? build(c.id, depth + 1) : []);
        });
      }
      self.list.textContent = "";
      build("", 0).forEach(function (node) {
        self.list.appendChild(node);
      });
      self.empty.hidden = comments.length > 0;
      self.list.hidden = comments.length === 0;
    });
  };

  function start() {
    var container = document.getElementById(script.getAttribute("data-container") || "tilstede-kommentarer");
    if (!container) {
      return;
    }
    addStylesheet();
    call("GET", "config.json")
      .then(function (result) {
        if (!result.ok) {
          throw new Error(result.status);
        }
        var widget = new Widget(container, result.data);
        container.tilstedeWidget = widget;
        return widget.load();
      })
      .catch(function () {
        container.textContent = "";
        container.appendChild(el("p", { className: "tswc-load-failed", lang: language, text: LOAD_FAILED[language] }));
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
