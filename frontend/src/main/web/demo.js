(function () {
  'use strict';
  var form = document.getElementById('search-form');
  var input = document.getElementById('query');
  var status = document.getElementById('status');
  var results = document.getElementById('results');

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text; // server text is always inserted as text, never as HTML
    return e;
  }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var query = input.value.trim();
    if (!query) return;
    status.textContent = '检索中…';
    results.replaceChildren();
    fetch('/api/v1/search', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: query, topK: 5 })
    }).then(function (r) {
      return r.json().then(function (body) { return { ok: r.ok, body: body }; });
    }).then(function (res) {
      if (!res.ok) {
        status.textContent = (res.body && res.body.error && res.body.error.message) || '检索失败';
        return;
      }
      var hits = res.body.hits || [];
      status.textContent = hits.length ? ('找到 ' + hits.length + ' 条相关条款（' + res.body.tookMs + ' 毫秒）') : '未找到相关条款';
      hits.forEach(function (h) {
        var li = el('li');
        li.appendChild(el('div', 'cite', '《' + h.documentTitle + '》' + h.clauseLabel + (h.docNumber ? '（' + h.docNumber + '）' : '')));
        if (h.clausePath && h.clausePath.length) li.appendChild(el('div', 'path', h.clausePath.join(' › ')));
        var u = h.responsibleUnits || {};
        if ((u.lead && u.lead.length) || (u.cooperating && u.cooperating.length)) {
          li.appendChild(el('div', 'units', '牵头单位：' + (u.lead || []).join('、') +
            ((u.cooperating && u.cooperating.length) ? '；配合单位：' + u.cooperating.join('、') : '')));
        }
        li.appendChild(el('div', 'text', h.text));
        results.appendChild(li);
      });
    }).catch(function () {
      status.textContent = '网络错误，请稍后重试';
    });
  });
}());
