// Read aloud: the page's main text, spoken by the browser's own speech synthesis (Web
// Speech API) in the page's language. No service of ours or anyone else's hears the text.
//
// - Only voices that run on the device (`localService === true`) are used: some browsers
//   offer network voices that send the text to a server. Without a local voice for the
//   page's language the button stays hidden (it is hidden in the HTML until then).
// - One sentence at a time, highlighted while it is spoken (CSS Custom Highlight API; where
//   that is missing, the sentence's paragraph is outlined).
// - Pause, resume and stop with the buttons; Escape stops. Focus never gets lost: the
//   start button turns into „Pause“/„Weiter vorlesen“, and stopping returns focus to it.
// - Scrolling to the next paragraph is smooth unless the visitor prefers reduced motion.

(() => {
  const root = document.querySelector("[data-read-aloud]");
  const synth = window.speechSynthesis;
  const Utterance = window.SpeechSynthesisUtterance;
  if (!root || !synth || typeof Utterance !== "function") return;

  const toggle = root.querySelector("[data-read-aloud-toggle]");
  const label = root.querySelector("[data-read-aloud-label]");
  const stopButton = root.querySelector("[data-read-aloud-stop]");
  const labels = {
    idle: root.dataset.labelStart,
    speaking: root.dataset.labelPause,
    paused: root.dataset.labelResume,
  };
  const lang = (document.documentElement.lang || "de").toLowerCase();
  const primary = lang.split("-")[0];
  // What counts as a unit of text, and what is never read (navigation, forms, these tools).
  const BLOCKS =
    "h1,h2,h3,h4,h5,h6,p,li,dt,dd,blockquote,figcaption,caption,th,td,address,summary,legend";
  const SKIP =
    "[data-read-aloud-skip],nav,form,button,select,textarea,script,style,noscript,template," +
    "svg,video,audio,[hidden],[aria-hidden='true'],.visually-hidden";
  const HIGHLIGHT = "read-aloud";
  const canHighlight = typeof window.Highlight === "function" && window.CSS && CSS.highlights;
  const sentenceSegmenter =
    typeof Intl.Segmenter === "function"
      ? new Intl.Segmenter(lang, { granularity: "sentence" })
      : null;

  let voice = null;
  let state = "idle"; // idle | speaking | paused
  let sentences = [];
  let index = 0;
  let run = 0; // counts starts and stops: events of an earlier run are ignored
  let marked = null;

  function normalise(tag) {
    return (tag || "").toLowerCase().replace("_", "-");
  }

  function localVoice() {
    const voices = synth.getVoices().filter((candidate) => candidate.localService === true);
    const matching = voices.filter((candidate) => normalise(candidate.lang).split("-")[0] === primary);
    return (
      matching.find((candidate) => normalise(candidate.lang) === lang) ||
      matching.find((candidate) => candidate.default) ||
      matching[0] ||
      null
    );
  }

  function updateVoice() {
    voice = localVoice();
    root.hidden = !voice;
    if (!voice && state !== "idle") stop();
  }

  // Text nodes of `block` that belong to no inner block; <br> ends a line.
  function blockText(block) {
    const parts = [];
    let text = "";
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        if (node.nodeType === Node.TEXT_NODE) return NodeFilter.FILTER_ACCEPT;
        if (node.matches(SKIP) || node.matches(BLOCKS)) return NodeFilter.FILTER_REJECT;
        return node.localName === "br" ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
      },
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        parts.push({ node, start: text.length });
        text += node.data;
      } else {
        text += "\n";
      }
    }
    return { parts, text };
  }

  function sentenceBounds(text) {
    if (sentenceSegmenter) {
      return Array.from(sentenceSegmenter.segment(text), (piece) => [
        piece.index,
        piece.index + piece.segment.length,
      ]);
    }
    return Array.from(text.matchAll(/[^.!?\n]+(?:[.!?]+|\n|$)/g), (match) => [
      match.index,
      match.index + match[0].length,
    ]);
  }

  function position(parts, offset, atEnd) {
    for (const part of parts) {
      const length = part.node.data.length;
      if (offset >= part.start && (offset < part.start + length || (atEnd && offset === part.start + length))) {
        return [part.node, offset - part.start];
      }
    }
    const last = parts[parts.length - 1];
    return [last.node, last.node.data.length];
  }

  function collect() {
    const source = document.querySelector("[data-read-aloud-source]") || document.querySelector("main");
    if (!source) return [];
    const found = [];
    for (const block of source.querySelectorAll(BLOCKS)) {
      if (block.closest(SKIP) || block.getClientRects().length === 0) continue;
      const { parts, text } = blockText(block);
      for (let [start, end] of sentenceBounds(text)) {
        while (start < end && /\s/.test(text[start])) start += 1;
        while (end > start && /\s/.test(text[end - 1])) end -= 1;
        if (start === end || !/[\p{L}\p{N}]/u.test(text.slice(start, end))) continue;
        const range = document.createRange();
        range.setStart(...position(parts, start, false));
        range.setEnd(...position(parts, end, true));
        // The Mediopunkt of Leichte Sprache (Mütter·zentrum) is for the eye only.
        const spoken = text.slice(start, end).replace(/(\p{L})\u00b7(\p{L})/gu, "$1$2");
        found.push({ block, range, text: spoken.replace(/\s+/g, " ") });
      }
    }
    return found;
  }

  function reducedMotion() {
    return window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  function unmark() {
    if (canHighlight) CSS.highlights.delete(HIGHLIGHT);
    if (marked) marked.classList.remove("read-aloud-current");
    marked = null;
  }

  function mark(sentence) {
    unmark();
    if (canHighlight) {
      CSS.highlights.set(HIGHLIGHT, new Highlight(sentence.range));
    } else {
      marked = sentence.block;
      marked.classList.add("read-aloud-current");
    }
    sentence.block.scrollIntoView({ block: "nearest", behavior: reducedMotion() ? "auto" : "smooth" });
  }

  function render() {
    label.textContent = labels[state];
    stopButton.hidden = state === "idle";
    root.classList.toggle("read-aloud--active", state !== "idle");
  }

  function speakCurrent() {
    const token = run;
    if (index >= sentences.length) {
      finish();
      return;
    }
    const sentence = sentences[index];
    mark(sentence);
    const utterance = new Utterance(sentence.text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    const next = () => {
      if (token !== run) return;
      index += 1;
      speakCurrent();
    };
    utterance.onend = next;
    utterance.onerror = (event) => {
      if (event && (event.error === "interrupted" || event.error === "canceled")) return;
      next();
    };
    synth.speak(utterance);
  }

  function start() {
    sentences = collect();
    if (!sentences.length || !voice) return;
    run += 1;
    index = 0;
    synth.cancel();
    state = "speaking";
    render();
    speakCurrent();
  }

  function stop() {
    run += 1;
    synth.cancel();
    state = "idle";
    unmark();
    render();
  }

  function finish() {
    if (document.activeElement === stopButton) toggle.focus();
    state = "idle";
    unmark();
    render();
  }

  toggle.addEventListener("click", () => {
    if (state === "idle") {
      start();
    } else if (state === "speaking") {
      synth.pause();
      state = "paused";
      render();
    } else {
      synth.resume();
      state = "speaking";
      render();
    }
  });
  stopButton.addEventListener("click", () => {
    toggle.focus(); // the stop button disappears
    stop();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && state !== "idle") {
      stop();
      toggle.focus();
    }
  });
  window.addEventListener("pagehide", () => {
    if (state !== "idle") stop();
  });

  updateVoice();
  if (typeof synth.addEventListener === "function") {
    synth.addEventListener("voiceschanged", updateVoice);
  } else {
    synth.onvoiceschanged = updateVoice;
  }
})();
