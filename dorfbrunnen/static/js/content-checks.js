// dorfbrunnen's own check for Wagtail's content checker (the editor's Checks panel and
// the userbar): a German paragraph is hard to read when its sentences have more than
// `maxAverageWords` words on average, or one has more than `maxSentenceWords`.
// Rule, limits and messages: dorfbrunnen/accessibility/checks.py.

(() => {
  function sentenceWordCounts(text, lang) {
    const sentences = new Intl.Segmenter(lang, { granularity: "sentence" });
    const words = new Intl.Segmenter(lang, { granularity: "word" });
    const counts = [];
    for (const { segment } of sentences.segment(text)) {
      let count = 0;
      for (const word of words.segment(segment)) if (word.isWordLike) count += 1;
      if (count) counts.push(count);
    }
    return counts;
  }

  // The editor's checks run on a preview that is not rendered, where innerText is the bare
  // textContent: a <br> between two sentences would vanish and join them („Café.Dort“ is
  // one sentence to Intl.Segmenter). Leichte Sprache puts each sentence on its own line.
  function textWithLineBreaks(node) {
    const copy = node.cloneNode(true);
    for (const br of copy.querySelectorAll("br")) br.replaceWith("\n");
    return copy.textContent;
  }

  function checkSentenceLength(node, options) {
    const lang = (node.closest("[lang]")?.getAttribute("lang") || "").toLowerCase();
    if (!lang.startsWith("de")) return true; // only German text is judged by these limits
    const counts = sentenceWordCounts(textWithLineBreaks(node).trim(), "de");
    if (!counts.length) return true;
    const average = counts.reduce((sum, count) => sum + count, 0) / counts.length;
    return average <= options.maxAverageWords && Math.max(...counts) <= options.maxSentenceWords;
  }

  const userbar = window.wagtail?.userbar || document.querySelector("wagtail-userbar");
  if (userbar && typeof userbar.registerCheck === "function") {
    userbar.registerCheck("dorfbrunnen-check-sentence-length", checkSentenceLength);
  }
})();
