/* Renders a document's clause tree (GET /api/v1/documents/{id} → tree) exactly as parsed, as text only.
   Used by the public document view and by the console. */
(function () {
  'use strict';

  var STATUS = { NORMAL: '现行', DRAFT: '征求意见稿', TRIAL: '试行', PROVISIONAL: '暂行', REPEALED: '已废止' };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function units(u) {
    if (!u || (!(u.lead && u.lead.length) && !(u.cooperating && u.cooperating.length))) return null;
    var p = el('p', 'units');
    if (u.lead && u.lead.length) p.appendChild(el('span', 'lead', '牵头单位：' + u.lead.join('、')));
    if (u.cooperating && u.cooperating.length) {
      if (p.childNodes.length) p.appendChild(document.createTextNode('；'));
      p.appendChild(el('span', 'coop', '配合单位：' + u.cooperating.join('、')));
    }
    return p;
  }

  function clause(c, opts) {
    var a = el('article', 'clause');
    a.id = (opts.idPrefix || 'clause-') + c.clauseId;
    a.setAttribute('data-clause-id', c.clauseId);
    a.tabIndex = -1;
    var head = el('div', 'clause-head');
    head.appendChild(el('span', 'clause-label', c.label || '（前言）'));
    if (c.part > 0) head.appendChild(el('span', 'clause-part', '第 ' + (c.part + 1) + ' 段'));
    if (c.clausePath && c.clausePath.length) head.appendChild(el('span', 'clause-path', c.clausePath.join(' › ')));
    a.appendChild(head);
    a.appendChild(el('p', 'clause-text', c.text));
    var u = units(c.responsibleUnits);
    if (u) a.appendChild(u);
    return a;
  }

  function node(n, depth, opts) {
    var section = el('section', 'tree-node depth-' + Math.min(depth, 4));
    if (n.heading || n.marker) {
      var h = el(depth <= 1 ? 'h3' : 'h4', 'tree-heading', n.heading || n.marker);
      section.appendChild(h);
    }
    (n.clauses || []).forEach(function (c) { section.appendChild(clause(c, opts)); });
    (n.children || []).forEach(function (child) { section.appendChild(node(child, depth + 1, opts)); });
    return section;
  }

  /** Fills container with the tree; opts: {idPrefix}. Returns the number of clauses rendered. */
  function render(container, tree, opts) {
    opts = opts || {};
    container.replaceChildren(node(tree, 0, opts));
    return container.querySelectorAll('.clause').length;
  }

  /** Marks the clause with this id as the target, scrolls to it (within opts.scroller if given) and focuses it;
      returns it or null. */
  function highlight(container, clauseId, opts) {
    opts = opts || {};
    container.querySelectorAll('.clause.is-target').forEach(function (e) {
      e.classList.remove('is-target');
      e.removeAttribute('aria-current');
    });
    if (!clauseId) return null;
    var target = document.getElementById((opts.idPrefix || 'clause-') + clauseId);
    if (!target || !container.contains(target)) return null;
    target.classList.add('is-target');
    target.setAttribute('aria-current', 'true');
    if (opts.scroller) {
      // Scroll only the given box (e.g. a side panel), not the whole page.
      var box = opts.scroller.getBoundingClientRect();
      var at = target.getBoundingClientRect();
      opts.scroller.scrollTop += at.top - box.top - (opts.scroller.clientHeight - at.height) / 2;
    } else {
      target.scrollIntoView({ block: 'center' });
    }
    if (opts.focus !== false) target.focus({ preventScroll: true });
    return target;
  }

  function statusLabel(status) {
    return STATUS[status] || status || '';
  }

  window.GovAssistClauseTree = { render: render, highlight: highlight, statusLabel: statusLabel, el: el };
}());
