// Autosave for the one-page writer (/reports/{id}/write). Without this file every section is a plain form with
// its own save button; with it, a section saves itself shortly after typing stops and on leaving the box.
// Typed text is kept in localStorage until the server confirms it, so a dropped connection or a closed tab
// loses nothing; a section changed by someone else meanwhile is shown, never overwritten silently.
(function () {
  "use strict";

  var idleMs = 1200;
  var retryMs = 4000;

  // The page's words, in its culture, from the data- attributes of #write-messages (no inline script under the CSP).
  var words = (document.getElementById("write-messages") || { dataset: {} }).dataset;
  function say(name, arg) { return (words[name] || name).replace("{0}", arg === undefined ? "" : arg); }

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function clock(date) { return pad(date.getHours()) + ":" + pad(date.getMinutes()); }

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function Section(form) {
    this.form = form;
    this.box = form.querySelector("textarea");
    this.version = form.querySelector("input[name='Input.Version']");
    this.state = form.querySelector(".save-state");
    this.storeKey = "danvan:write:" + form.getAttribute("data-report") + ":" + form.getAttribute("data-key");
    this.saved = this.box.value;   // what the server holds, as far as this page knows
    this.timer = null;
    this.busy = false;
    this.blocked = "";             // "conflict" waits for the user's choice; "refused" until they type again
    this.conflictBox = null;
    this.wire();
    this.restore();
  }

  Section.prototype.show = function (text, kind) {
    this.state.textContent = text;
    this.state.className = "save-state" + (kind ? " " + kind : "");
  };

  Section.prototype.keep = function () {
    var store = storage();
    if (!store) { return; }
    try {
      store.setItem(this.storeKey, JSON.stringify({ text: this.box.value, version: parseInt(this.version.value, 10), at: Date.now() }));
    } catch (e) { /* storage full or disabled: the server save still runs */ }
  };

  Section.prototype.forget = function () {
    var store = storage();
    if (store) { store.removeItem(this.storeKey); }
  };

  // Text typed before a reload or a lost connection comes back, and is saved against the version it was based on.
  Section.prototype.restore = function () {
    var store = storage();
    var kept = null;
    try { kept = store && JSON.parse(store.getItem(this.storeKey) || "null"); } catch (e) { kept = null; }
    if (!kept || typeof kept.text !== "string") { return; }
    if (kept.text === this.box.value) { this.forget(); return; }
    this.box.value = kept.text;
    this.version.value = String(kept.version);
    this.fit();
    var note = document.createElement("p");
    note.className = "restored hint";
    note.textContent = say("restored", clock(new Date(kept.at)));
    this.form.insertBefore(note, this.box);
    this.schedule(0);
  };

  // The box grows with its text (rows, not a style: the CSP allows no inline styles).
  Section.prototype.fit = function () {
    while (this.box.scrollHeight > this.box.clientHeight && this.box.rows < 30) { this.box.rows += 1; }
  };

  Section.prototype.wire = function () {
    var self = this;
    this.box.addEventListener("input", function () {
      self.fit();
      self.keep();
      if (self.blocked === "refused") { self.blocked = ""; }
      if (!self.blocked) { self.show(say("unsaved"), "pending"); self.schedule(idleMs); }
    });
    this.box.addEventListener("blur", function () { if (!self.blocked) { self.schedule(0); } });
    this.form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (self.blocked !== "conflict") { self.blocked = ""; self.schedule(0); }
    });
  };

  Section.prototype.schedule = function (delay) {
    var self = this;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(function () { self.save(); }, delay);
  };

  Section.prototype.save = function () {
    var self = this;
    if (this.busy || this.blocked) { return; }
    var text = this.box.value;
    if (text === this.saved) { this.forget(); return; }
    this.busy = true;
    this.show(say("saving"), "pending");
    var body = new FormData(this.form);
    body.set("Input.Text", text);
    fetch(this.form.action, { method: "POST", body: body, headers: { "Accept": "application/json" }, credentials: "same-origin", redirect: "manual" })
      .then(function (response) {
        var json = (response.headers.get("Content-Type") || "").indexOf("application/json") >= 0;
        return (json ? response.json() : Promise.resolve(null)).then(function (data) { return { status: response.status, data: data }; });
      })
      .then(function (answer) { self.busy = false; self.answered(answer, text); },
        function () { self.busy = false; self.offline(); });
  };

  Section.prototype.answered = function (answer, sent) {
    var data = answer.data;
    if (answer.status === 200 && data) {
      this.version.value = String(data.version);
      this.saved = sent;
      if (this.box.value === sent) {
        this.forget();
        this.show(say("savedAt", data.savedAt), "saved");
      } else {
        this.keep();
        this.schedule(idleMs);
      }
      return;
    }
    if (answer.status === 409 && data) { this.conflict(data); return; }
    if ((answer.status === 400 || answer.status === 403) && data) {
      this.blocked = "refused";
      this.show(say("refused", data.message), "error");
      return;
    }
    if (answer.status === 0 || (answer.status >= 300 && answer.status < 400) || answer.status === 401) {
      // The sign-in has expired: the text stays on this computer until the user signs in again.
      this.blocked = "refused";
      this.show(say("expired"), "error");
      return;
    }
    this.offline();
  };

  Section.prototype.offline = function () {
    this.show(say("offline"), "error");
    this.schedule(retryMs);
  };

  // Someone else saved this section: keep the user's text in the box, show theirs, and let the user choose.
  Section.prototype.conflict = function (data) {
    var self = this;
    this.blocked = "conflict";
    this.show(say("refused", data.message), "error");
    if (this.conflictBox) { this.conflictBox.remove(); }
    var box = document.createElement("div");
    box.className = "card conflict";
    var title = document.createElement("h3");
    title.textContent = say("conflictTitle");
    var other = document.createElement("div");
    other.className = "text pre saved-meanwhile";
    other.textContent = data.latestText || "";
    var mine = document.createElement("button");
    mine.type = "button";
    mine.className = "primary";
    mine.textContent = say("keepMine");
    var theirs = document.createElement("button");
    theirs.type = "button";
    theirs.textContent = say("useTheirs");
    box.append(title, other, mine, theirs);
    this.form.parentNode.insertBefore(box, this.form.nextSibling);
    this.conflictBox = box;
    var resolve = function () {
      self.version.value = String(data.latestVersion);
      self.saved = data.latestText || "";
      self.blocked = "";
      box.remove();
      self.conflictBox = null;
    };
    mine.addEventListener("click", function () { resolve(); self.keep(); self.save(); });
    theirs.addEventListener("click", function () {
      resolve();
      self.box.value = self.saved;
      self.fit();
      self.forget();
      self.show(say("usingTheirs"), "saved");
    });
  };

  var sections = [];
  document.querySelectorAll("form[data-autosave]").forEach(function (form) { sections.push(new Section(form)); });
  window.addEventListener("online", function () {
    sections.forEach(function (s) { if (!s.blocked && s.box.value !== s.saved) { s.schedule(0); } });
  });
})();
