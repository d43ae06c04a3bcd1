window.reportErrors = [];
function reportError(message) {
  window.reportErrors.push(String(message));
  var list = document.getElementById('js-error-list');
  if (list) {
    var item = document.createElement('li');
    item.textContent = String(message);
    list.appendChild(item);
    document.getElementById('js-errors').hidden = false;
  }
}
window.addEventListener('error', function (e) { reportError(e.message || 'error'); });
document.addEventListener('securitypolicyviolation', function (e) { reportError('blocked: ' + e.blockedURI); });
(function () {
  var original = console.error;
  console.error = function () { reportError([].join.call(arguments, ' ')); original.apply(console, arguments); };
})();
