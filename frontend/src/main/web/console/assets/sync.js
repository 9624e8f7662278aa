/* Console · 网站同步 (ADMIN): sources of a portal's policy column, each optionally adding its pages to a knowledge
   base; add, run now, enable/disable, delete; the latest run's per-page results (polled while it runs) and the
   pages' state, with pages that disappeared flagged. */
(function () {
  'use strict';
  var C = window.GovAssistConsole;
  var el = C.el;
  var tbody = document.querySelector('#sources tbody');
  var status = document.getElementById('source-status');
  var form = document.getElementById('source-form');
  var OUTCOMES = { INGESTED: '新增入库', UPDATED: '已更新', UNCHANGED: '内容未变', NOT_MODIFIED: '未修改',
    FAILED: '失败', BLOCKED: 'robots.txt 禁止', MISSING: '已消失' };
  var ORDER = ['MISSING', 'FAILED', 'BLOCKED', 'UPDATED', 'INGESTED', 'UNCHANGED', 'NOT_MODIFIED'];
  var PAGE_STATUS = { OK: '正常', FAILED: '失败', BLOCKED: 'robots.txt 禁止', MISSING: '已消失' };
  var RUN_STATUS = { RUNNING: '同步中', SUCCEEDED: '已完成', FAILED: '失败' };
  var poll = null;

  function badge(text, kind) {
    return el('span', 'badge' + (kind ? ' ' + kind : ''), text);
  }

  function kindOf(code) {
    if (code === 'MISSING' || code === 'FAILED') return 'danger';
    if (code === 'BLOCKED') return 'warn';
    if (code === 'INGESTED' || code === 'UPDATED' || code === 'OK' || code === 'SUCCEEDED') return 'ok';
    return null;
  }

  function countsText(counts) {
    return Object.keys(OUTCOMES).filter(function (k) { return counts && counts[k] > 0; })
      .map(function (k) { return OUTCOMES[k] + ' ' + counts[k]; }).join('，') || '无页面';
  }

  function runText(run) {
    if (!run) return '尚未同步';
    var t = RUN_STATUS[run.status] + ' · ' + C.formatTime(run.startedAt) + ' · ' + (run.trigger === 'MANUAL' ? '手动' : '定时');
    if (run.error) return t + ' · ' + run.error.message;
    t += ' · 列表 ' + run.listPages + ' 页，链接 ' + run.linksFound + ' 个：' + countsText(run.counts);
    return run.listComplete ? t : t + '（列表未读完，未标记不在已读列表页中的页面）';
  }

  function load() {
    C.api('GET', '/api/v1/admin/sync/sources').then(function (res) {
      if (!res.ok) {
        status.textContent = C.errorMessage(res, '无法加载同步来源');
        return;
      }
      tbody.replaceChildren();
      if (res.body.sources.length === 0) {
        var empty = el('tr');
        var td = el('td', 'empty', '尚未添加同步来源');
        td.colSpan = 5;
        empty.appendChild(td);
        tbody.appendChild(empty);
      }
      res.body.sources.forEach(function (s) { tbody.appendChild(row(s)); });
    });
  }

  function row(s) {
    var tr = el('tr');
    tr.setAttribute('data-source-id', s.id);
    var name = el('td');
    name.appendChild(el('strong', 'source-name', s.name));
    if (!s.enabled) name.appendChild(badge('已停用', 'warn'));
    name.appendChild(el('div', 'source', s.listUrl));
    name.appendChild(el('div', 'hint', '链接规则：' + s.linkPattern + ' · 列表最多 ' + s.listPages + ' 页 · 请求间隔 '
      + s.delayMs + ' 毫秒'));
    name.appendChild(el('div', 'hint knowledge-base', '知识库：' + (s.knowledgeBase || '不指定（默认 default）')));
    tr.appendChild(name);
    tr.appendChild(el('td', 'nowrap', s.schedule || '仅手动'));
    var pages = el('td', 'page-counts');
    pages.appendChild(el('span', null, '共 ' + s.pages.total + ' 页 '));
    if (s.pages.missing > 0) pages.appendChild(badge('已消失 ' + s.pages.missing, 'danger'));
    if (s.pages.failed > 0) pages.appendChild(badge('失败 ' + s.pages.failed, 'danger'));
    if (s.pages.blocked > 0) pages.appendChild(badge('禁止抓取 ' + s.pages.blocked, 'warn'));
    tr.appendChild(pages);
    tr.appendChild(el('td', 'last-run', runText(s.lastRun)));
    var actions = el('td', 'actions');
    actions.appendChild(button('立即同步', 'run primary', '立即同步：' + s.name, function () { runNow(s); }, s.running || !s.enabled));
    if (s.lastRun) actions.appendChild(button('查看结果', 'show-run', '查看最近一次同步结果：' + s.name, function () { showRun(s.lastRun.id); }));
    actions.appendChild(button('页面状态', 'show-pages', '页面状态：' + s.name, function () { showPages(s); }));
    actions.appendChild(button(s.enabled ? '停用' : '启用', 'toggle', (s.enabled ? '停用：' : '启用：') + s.name, function () { toggle(s); }));
    actions.appendChild(button('删除', 'delete danger', '删除来源：' + s.name, function () { remove(s); }));
    tr.appendChild(actions);
    return tr;
  }

  function button(text, cls, label, onClick, disabled) {
    var b = el('button', cls, text);
    b.type = 'button';
    b.setAttribute('aria-label', label);
    b.disabled = !!disabled;
    b.addEventListener('click', onClick);
    return b;
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var body = {
      name: document.getElementById('s-name').value.trim(),
      listUrl: document.getElementById('s-url').value.trim(),
      linkPattern: document.getElementById('s-pattern').value.trim(),
      listPages: parseInt(document.getElementById('s-pages').value || '1', 10),
      schedule: document.getElementById('s-schedule').value.trim(),
      delayMs: parseInt(document.getElementById('s-delay').value || '1000', 10),
      knowledgeBase: document.getElementById('s-kb').value
    };
    C.api('POST', '/api/v1/admin/sync/sources', body).then(function (res) {
      if (!res.ok) {
        status.textContent = '添加失败：' + C.errorMessage(res);
        return;
      }
      status.textContent = '已添加来源 ' + res.body.name;
      form.reset();
      load();
    });
  });

  function runNow(s) {
    C.api('POST', '/api/v1/admin/sync/sources/' + encodeURIComponent(s.id) + '/run').then(function (res) {
      if (!res.ok) {
        status.textContent = '无法开始同步：' + C.errorMessage(res);
        return;
      }
      status.textContent = '已开始同步 ' + s.name;
      load();
      showRun(res.body.id);
    });
  }

  function showRun(runId) {
    if (poll) clearTimeout(poll);
    C.api('GET', '/api/v1/admin/sync/runs/' + encodeURIComponent(runId)).then(function (res) {
      var card = document.getElementById('run-card');
      card.hidden = false;
      if (!res.ok) {
        document.getElementById('run-summary').textContent = C.errorMessage(res, '无法加载同步结果');
        return;
      }
      card.setAttribute('data-run-status', res.body.run.status);
      document.getElementById('run-summary').textContent = runText(res.body.run);
      var body = document.querySelector('#run-pages tbody');
      body.replaceChildren();
      // What needs attention first: pages that disappeared or failed, then what changed, then the rest in order.
      res.body.pages.slice().sort(function (a, b) {
        return (ORDER.indexOf(a.outcome) - ORDER.indexOf(b.outcome)) || (a.seq - b.seq);
      }).forEach(function (p) {
        var tr = el('tr');
        tr.setAttribute('data-outcome', p.outcome);
        tr.appendChild(el('td', null, String(p.seq)));
        tr.appendChild(pageCell(p));
        var result = el('td', 'nowrap');
        result.appendChild(badge(OUTCOMES[p.outcome] || p.outcome, kindOf(p.outcome)));
        tr.appendChild(result);
        tr.appendChild(el('td', null, p.errorMessage || (p.httpStatus ? 'HTTP ' + p.httpStatus : '')));
        body.appendChild(tr);
      });
      if (res.body.run.status === 'RUNNING') {
        poll = setTimeout(function () { showRun(runId); }, 2000);
      } else {
        load();
      }
    });
  }

  function pageCell(p) {
    var td = el('td', 'page');
    if (p.title) td.appendChild(el('div', null, p.title));
    var a = el('a', 'source', p.url);
    a.href = p.url;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    td.appendChild(a);
    return td;
  }

  function showPages(s) {
    C.api('GET', '/api/v1/admin/sync/sources/' + encodeURIComponent(s.id)).then(function (res) {
      var card = document.getElementById('pages-card');
      card.hidden = false;
      document.getElementById('pages-title').textContent = '页面状态 · ' + s.name;
      var body = document.querySelector('#pages tbody');
      body.replaceChildren();
      if (!res.ok) {
        status.textContent = C.errorMessage(res, '无法加载页面状态');
        return;
      }
      res.body.pages.forEach(function (p) {
        var tr = el('tr');
        tr.setAttribute('data-page-status', p.status);
        tr.appendChild(pageCell(p));
        var st = el('td', 'nowrap');
        st.appendChild(badge(PAGE_STATUS[p.status] || p.status, kindOf(p.status)));
        if (p.missingSince) st.appendChild(el('div', 'hint', '自 ' + C.formatTime(p.missingSince)));
        tr.appendChild(st);
        var doc = el('td');
        if (p.documentId) {
          var a = el('a', null, '查看文件');
          a.href = '/document.html?id=' + encodeURIComponent(p.documentId);
          a.target = '_blank';
          doc.appendChild(a);
        }
        tr.appendChild(doc);
        tr.appendChild(el('td', null, p.errorMessage || ''));
        body.appendChild(tr);
      });
    });
  }

  function toggle(s) {
    C.api('PUT', '/api/v1/admin/sync/sources/' + encodeURIComponent(s.id), { enabled: !s.enabled }).then(function (res) {
      status.textContent = res.ok ? (s.enabled ? '已停用 ' : '已启用 ') + s.name : '操作失败：' + C.errorMessage(res);
      load();
    });
  }

  function remove(s) {
    if (!window.confirm('确定删除来源“' + s.name + '”吗？已入库的文件会保留在文件管理中。')) return;
    C.api('DELETE', '/api/v1/admin/sync/sources/' + encodeURIComponent(s.id)).then(function (res) {
      status.textContent = res.ok ? '已删除来源 ' + s.name : '删除失败：' + C.errorMessage(res);
      if (res.ok) load();
    });
  }

  C.knowledgeBaseOptions(document.getElementById('s-kb'));
  load();
}());
