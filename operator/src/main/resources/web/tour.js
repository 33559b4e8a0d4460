// ClusterTour web view: arrows of the sequence diagrams open their evidence; a page of a running
// tour follows it by fetching itself again (no reload, nothing from elsewhere).
(function () {
  'use strict';
  var POLL_MS = 1000;

  function panelOf(arrow) {
    var pair = arrow.closest('.sdpair');
    return pair && document.getElementById(pair.getAttribute('data-panel'));
  }

  function show(arrow, focus) {
    var panel = panelOf(arrow);
    if (!panel) {
      return;
    }
    document.querySelectorAll('a.arrow.sel').forEach(function (a) { a.classList.remove('sel'); });
    arrow.classList.add('sel');
    var title = arrow.querySelector('title');
    panel.querySelector('.ptext').textContent = title ? title.textContent : '';
    var row = panel.querySelector('.prow');
    row.setAttribute('href', arrow.getAttribute('href'));
    var ev = panel.querySelector('.pev');
    var target = arrow.getAttribute('data-evidence');
    var observed = target && document.getElementById(target.replace(/^(s\d+-)/, '$1o-'));
    ev.hidden = !observed;
    if (observed) {
      ev.setAttribute('href', '#' + observed.id);
      ev.onclick = function (e) { e.preventDefault(); show(observed, true); observed.focus(); };
    }
    panel.hidden = false;
    panel.setAttribute('data-arrow', arrow.id);
    if (focus) {
      arrow.scrollIntoView({ block: 'nearest' });
    }
  }

  function filterPods(select) {
    var stop = select.getAttribute('data-stop');
    var pod = select.value;
    document.querySelectorAll('a.arrow[id^="' + stop + '"]').forEach(function (a) {
      var own = a.getAttribute('data-pod');
      a.classList.toggle('dim', pod !== '' && own !== null && own !== pod);
    });
  }

  function wire(root) {
    root.querySelectorAll('a.arrow').forEach(function (a) {
      a.addEventListener('click', function (e) { e.preventDefault(); show(a, false); });
    });
    root.querySelectorAll('.panel .pclose').forEach(function (b) {
      b.addEventListener('click', function () { b.closest('.panel').hidden = true; });
    });
    root.querySelectorAll('select.podfilter').forEach(function (s) {
      s.addEventListener('change', function () { filterPods(s); });
    });
  }

  // What the learner was looking at survives an update: open sections, chosen pods, open panel.
  function remember() {
    var state = { closed: [], pods: {}, panels: [] };
    document.querySelectorAll('details.tables').forEach(function (d, i) {
      if (!d.open) { state.closed.push(i); }
    });
    document.querySelectorAll('select.podfilter').forEach(function (s) {
      state.pods[s.getAttribute('data-stop')] = s.value;
    });
    document.querySelectorAll('.panel:not([hidden])').forEach(function (p) {
      state.panels.push(p.getAttribute('data-arrow'));
    });
    return state;
  }

  function restore(state) {
    document.querySelectorAll('details.tables').forEach(function (d, i) {
      if (state.closed.indexOf(i) >= 0) { d.open = false; }
    });
    document.querySelectorAll('select.podfilter').forEach(function (s) {
      var v = state.pods[s.getAttribute('data-stop')];
      if (v) { s.value = v; filterPods(s); }
    });
    state.panels.forEach(function (id) {
      var a = id && document.getElementById(id);
      if (a) { show(a, false); }
    });
  }

  function indicator(text) {
    var live = document.getElementById('live');
    if (!live) {
      live = document.createElement('p');
      live.id = 'live';
      live.className = 'live';
      live.setAttribute('role', 'status');
      document.body.insertBefore(live, document.body.firstChild);
    }
    live.textContent = text;
  }

  function poll() {
    fetch(location.pathname, { cache: 'no-store' })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, 'text/html');
        var main = next.querySelector('main');
        var state = remember();
        document.querySelector('main').replaceWith(document.adoptNode(main));
        wire(main);
        restore(state);
        var live = next.body.getAttribute('data-live') === 'true';
        document.body.setAttribute('data-live', String(live));
        indicator((document.body.getAttribute('data-label') || '') +
          ' · ' + new Date().toLocaleTimeString());
        if (live) {
          setTimeout(poll, POLL_MS);
        }
      })
      .catch(function () { setTimeout(poll, POLL_MS * 5); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    wire(document);
    if (location.hash) {
      var target = document.getElementById(location.hash.substring(1));
      if (target && target.classList.contains('arrow')) { show(target, true); }
    }
    if (document.body.getAttribute('data-live') === 'true') {
      indicator(document.body.getAttribute('data-label') || '');
      setTimeout(poll, POLL_MS);
    }
  });
})();
