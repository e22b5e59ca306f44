/*! Youpin Living campaign embed: <script src="https://SHOP/embed.js" data-campaign="SLUG" async></script>
 * For no layout shift at all, put it alone in a slot that reserves the space before it runs:
 * <div style="min-height:100vh"><script src="https://SHOP/embed.js" data-campaign="SLUG" async></script></div>
 * Optional: data-lang="zh-CN|en", data-height="640" (reserved before the campaign loads), data-title.
 * Inserts an iframe of SHOP/embed/campaign/SLUG before the script, sized to its content,
 * and re-dispatches the campaign's events as `storefront:event` CustomEvents (bubbling from
 * the script's parent element) and into window.dataLayer when the page has one.
 * Hand-written, no dependencies (README "Embedding a campaign"). */
(function () {
  'use strict';
  var w = window, d = document;
  var SLUG = /^[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?$/;
  var UTM = /^utm_(source|medium|campaign|term|content)$/;

  function init(s) {
    if (s.getAttribute('data-storefront-embed')) return;
    s.setAttribute('data-storefront-embed', '1');
    var slug = s.getAttribute('data-campaign') || '';
    var host = s.parentNode;
    if (!SLUG.test(slug) || !host || !/\/embed\.js([?#]|$)/.test(s.src)) return;
    var shop;
    try { shop = new URL(s.src, location.href).origin; } catch (e) { return; }
    var lang = s.getAttribute('data-lang') || '';
    var q = new URLSearchParams();
    q.set('parent', location.origin);
    if (/^(zh-CN|en)$/.test(lang)) q.set('lang', lang);
    new URLSearchParams(location.search).forEach(function (v, k) {
      if (UTM.test(k) && !q.has(k)) q.set(k, v.slice(0, 100));
    });
    var f = d.createElement('iframe');
    var reserved = parseInt(s.getAttribute('data-height'), 10);
    f.title = s.getAttribute('data-title') || (lang === 'en' ? 'Youpin Living campaign' : '优品生活活动');
    f.loading = 'lazy';
    f.width = '100%';
    f.setAttribute('allow', 'web-share; clipboard-write');
    // alone in a slot: the frame starts at the slot's reserved height, so inserting it moves
    // nothing, and a slot at least a screen tall keeps every later change below the fold
    var slot = host.children.length === 1 ? Math.ceil(host.getBoundingClientRect().height) : 0;
    var start = Math.max(reserved > 0 && reserved < 10000 ? reserved : 640, slot < 10000 ? slot : 0);
    f.style.cssText = 'display:block;width:100%;max-width:100%;border:0;overflow:hidden;height:' + start + 'px';
    // the browser's own content sizing where it exists (the embed opts in with
    // <meta name="responsive-embedded-sizing">); the posted height is applied as well, as
    // browsers that parse the property do not all size by it yet
    if (w.CSS && CSS.supports && CSS.supports('frame-sizing', 'content-height')) {
      f.style.setProperty('frame-sizing', 'content-height');
    }
    f.src = shop + '/embed/campaign/' + slug + '?' + q;
    host.insertBefore(f, s);

    w.addEventListener('message', function (e) {
      if (e.source !== f.contentWindow || e.origin !== shop) return;
      var m = e.data;
      if (!m || typeof m !== 'object' || m.source !== 'storefront-embed' || m.v !== 1) return;
      if (m.type === 'size') {
        var h = Math.ceil(+m.height);
        if (h > 0 && h < 100000) f.style.height = h + 'px';
      } else if (m.type === 'event' && typeof m.name === 'string' && /^[a-z_]{1,40}$/.test(m.name)) {
        var params = m.params && typeof m.params === 'object' ? m.params : {};
        host.dispatchEvent(new CustomEvent('storefront:event', {
          bubbles: true, detail: { name: m.name, params: params }
        }));
        var dl = w.dataLayer;
        if (dl && typeof dl.push === 'function') {
          var ev = { event: m.name };
          for (var k in params) if (Object.prototype.hasOwnProperty.call(params, k)) ev[k] = params[k];
          dl.push(ev);
        }
      }
    });
    // ask for the size once the frame has loaded (a message sent before this listener
    // existed, or while the frame was hidden, is not lost)
    f.addEventListener('load', function () {
      if (f.contentWindow) f.contentWindow.postMessage({ source: 'storefront-embed-host', v: 1, type: 'ping' }, shop);
    });
  }

  var all = d.querySelectorAll('script[data-campaign]');
  for (var i = 0; i < all.length; i++) init(all[i]);
})();
