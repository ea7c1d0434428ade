/* Material for MkDocs 9.8.2, partials/javascripts/content.html, moved out of the page so
   the site runs under `script-src 'self'`. Unchanged. */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
