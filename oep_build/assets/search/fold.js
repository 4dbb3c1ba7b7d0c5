/* oep-build: accent- and case-insensitive French search.
 * Appended to the theme's lunr.fr.min.js (which the search worker loads), so that
 * « petition », « reunion », « elections » find what « pétition », « réunion »,
 * « élections » find. Words are folded before stemming, in the index and in the
 * query alike; the query string itself is folded too, so that prefix searches
 * (« réu* »), which skip lunr's pipeline, meet the folded index. */
(function (lunr) {
  if (!lunr || !lunr.fr || lunr.fr.oepFolded) return;
  function fold(text) {
    return String(text)
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/œ/g, "oe").replace(/Œ/g, "OE")
      .replace(/æ/g, "ae").replace(/Æ/g, "AE")
      .toLowerCase();
  }
  function foldToken(token) {
    return token.update(function (s) { return fold(s); });
  }
  lunr.Pipeline.registerFunction(foldToken, "oepFold");
  var french = lunr.fr;
  lunr.fr = function () {
    french.apply(this, arguments);
    // After the stop-word filter (its list is accented), before the stemmer.
    this.pipeline.before(lunr.fr.stemmer, foldToken);
    this.searchPipeline.before(lunr.fr.stemmer, foldToken);
  };
  for (var key in french) {
    if (Object.prototype.hasOwnProperty.call(french, key)) lunr.fr[key] = french[key];
  }
  lunr.fr.oepFolded = true;
  var Lexer = lunr.QueryLexer;
  lunr.QueryLexer = function (str) { Lexer.call(this, fold(str)); };
  lunr.QueryLexer.prototype = Lexer.prototype;
  for (var k in Lexer) {
    if (Object.prototype.hasOwnProperty.call(Lexer, k)) lunr.QueryLexer[k] = Lexer[k];
  }
})(typeof lunr !== "undefined" ? lunr : undefined);
