// Installed before anything else runs: an error anywhere on the page is written into the page itself, where a reader
// (and the headless-browser check) sees it.
(function () {
  var box = document.getElementById('script-errors');
  function note(text) {
    box.hidden = false;
    box.textContent += text + '\n';
  }
  window.reportError = note;
  window.addEventListener('error', function (e) { note('error: ' + e.message + (e.filename ? ' (' + e.filename + ':' + e.lineno + ')' : '')); });
  window.addEventListener('unhandledrejection', function (e) { note('unhandled rejection: ' + e.reason); });
  var original = console.error;
  console.error = function () {
    note('console.error: ' + Array.prototype.map.call(arguments, String).join(' '));
    original.apply(console, arguments);
  };
})();
