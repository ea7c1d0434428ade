// Redirect pages (old addresses, /go/ short links): go to the canonical address and
// keep the reader's #anchor unless the target names its own section.
(function () {
  var canonical = document.querySelector('link[rel="canonical"]');
  if (!canonical) return;
  var target = canonical.getAttribute("href");
  if (location.hash && target.indexOf("#") === -1) target += location.hash;
  location.replace(target);
})();
