/* Console · Documents (ADMIN): list with metadata and status, multi-file upload with per-file progress and
   results, the clause tree exactly as parsed, re-ingest and delete. */
(function () {
  'use strict';
  var C = window.GovAssistConsole;
  var T = window.GovAssistClauseTree;
  var el = C.el;

  var tbody = document.querySelector('#documents tbody');
  var count = document.getElementById('doc-count');
  var docStatus = document.getElementById('doc-status');
  var filterBox = document.getElementById('doc-filter');
  var filesInput = document.getElementById('upload-files');
  var startButton = document.getElementById('upload-start');
  var dropZone = document.getElementById('drop-zone');
  var results = document.getElementById('upload-results');
  var resultsBody = results.querySelector('tbody');
  var treeCard = document.getElementById('tree-card');
  var treeHeading = document.getElementById('tree-heading');
  var treeMeta = document.getElementById('tree-meta');
  var tree = document.getElementById('doc-tree');

  var documents = [];
  var pending = [];

  var RESULT = { INGESTED: '已入库', UPDATED: '已更新', UNCHANGED: '内容未变化', FAILED: '失败' };

  function load() {
    return C.api('GET', '/api/v1/documents').then(function (res) {
      if (!res.ok) {
        docStatus.textContent = C.errorMessage(res, '无法加载文件列表');
        return;
      }
      documents = res.body.documents || [];
      documents.sort(function (a, b) { return (b.ingestedAt || '').localeCompare(a.ingestedAt || ''); });
      renderList();
    });
  }

  function renderList() {
    var q = filterBox.value.trim().toLowerCase();
    var shown = documents.filter(function (d) {
      return !q || [d.title, d.docNumber, d.issuer, d.source].some(function (v) { return v && v.toLowerCase().indexOf(q) >= 0; });
    });
    count.textContent = '（' + shown.length + ' / ' + documents.length + '）';
    tbody.replaceChildren();
    shown.forEach(function (d) {
      var tr = el('tr');
      tr.setAttribute('data-document-id', d.id);
      var titleCell = el('td', 'doc-title');
      titleCell.appendChild(el('span', null, d.title));
      titleCell.appendChild(el('span', 'source', d.source));
      tr.appendChild(titleCell);
      tr.appendChild(el('td', null, d.docNumber || '—'));
      tr.appendChild(el('td', null, d.issuer || '—'));
      tr.appendChild(el('td', null, d.date || '—'));
      tr.appendChild(el('td', 'status status-' + d.status, T.statusLabel(d.status)));
      tr.appendChild(el('td', 'num', String(d.clauseCount)));
      tr.appendChild(el('td', 'doc-kbs', (d.knowledgeBases || []).join('、')));
      tr.appendChild(el('td', null, C.formatTime(d.ingestedAt)));
      var actions = el('td', 'actions');
      actions.appendChild(button('查看条款', 'view', function () { view(d); }, d));
      actions.appendChild(button('重新解析', 'reingest', function () { reingest(d); }, d));
      actions.appendChild(button('删除', 'delete danger', function () { remove(d); }, d));
      tr.appendChild(actions);
      tbody.appendChild(tr);
    });
  }

  function button(text, cls, onClick, d) {
    var b = el('button', cls, text);
    b.type = 'button';
    b.setAttribute('aria-label', text + '：' + d.title);
    b.addEventListener('click', onClick);
    return b;
  }

  filterBox.addEventListener('input', renderList);

  function view(d) {
    docStatus.textContent = '正在加载条款结构…';
    C.api('GET', '/api/v1/documents/' + encodeURIComponent(d.id)).then(function (res) {
      if (!res.ok) {
        docStatus.textContent = C.errorMessage(res, '无法加载条款结构');
        return;
      }
      var doc = res.body.document;
      treeCard.hidden = false;
      treeHeading.textContent = '《' + doc.title + '》条款结构';
      treeMeta.replaceChildren();
      [['文号', doc.docNumber], ['发布机关', doc.issuer], ['日期', doc.date], ['状态', T.statusLabel(doc.status)],
        ['来源', doc.source], ['条款数', String(doc.clauseCount)]].forEach(function (p) {
        if (!p[1]) return;
        treeMeta.appendChild(el('dt', null, p[0]));
        var dd = el('dd');
        if (p[0] === '来源' && /^https?:\/\//i.test(p[1])) {
          // A page kept in sync from a portal (网站同步): its original URL, as a link.
          var a = el('a', 'source-link', p[1]);
          a.href = p[1];
          a.target = '_blank';
          a.rel = 'noopener noreferrer';
          dd.appendChild(a);
        } else {
          dd.textContent = p[1];
        }
        treeMeta.appendChild(dd);
      });
      var n = T.render(tree, res.body.tree, { idPrefix: 'tree-' });
      docStatus.textContent = '已显示 ' + n + ' 个条款';
      treeHeading.tabIndex = -1;
      treeHeading.focus();
      treeCard.scrollIntoView({ block: 'start' });
    });
  }

  function reingest(d) {
    docStatus.textContent = '正在重新解析《' + d.title + '》…';
    C.api('POST', '/api/v1/documents/' + encodeURIComponent(d.id) + '/reingest').then(function (res) {
      docStatus.textContent = res.ok ? '已重新解析《' + d.title + '》：' + res.body.clauses + ' 个条款'
        : '重新解析失败：' + C.errorMessage(res);
      if (res.ok) load();
    });
  }

  function remove(d) {
    if (!window.confirm('确定删除《' + d.title + '》及其全部条款吗？此操作不可撤销。')) return;
    C.api('DELETE', '/api/v1/documents/' + encodeURIComponent(d.id)).then(function (res) {
      docStatus.textContent = res.ok ? '已删除《' + d.title + '》' : '删除失败：' + C.errorMessage(res);
      if (res.ok) {
        if (treeHeading.textContent.indexOf(d.title) >= 0) treeCard.hidden = true;
        load();
      }
    });
  }

  /* ---------- upload ---------- */
  function choose(files) {
    pending = Array.prototype.slice.call(files || []);
    startButton.disabled = pending.length === 0;
    startButton.textContent = pending.length ? '开始上传（' + pending.length + ' 个文件）' : '开始上传';
  }

  filesInput.addEventListener('change', function () { choose(filesInput.files); });
  dropZone.addEventListener('dragover', function (e) {
    e.preventDefault();
    dropZone.classList.add('dragging');
  });
  dropZone.addEventListener('dragleave', function () { dropZone.classList.remove('dragging'); });
  dropZone.addEventListener('drop', function (e) {
    e.preventDefault();
    dropZone.classList.remove('dragging');
    choose(e.dataTransfer.files);
  });

  startButton.addEventListener('click', function () {
    var files = pending;
    choose([]);
    filesInput.value = '';
    if (!files.length) return;
    results.hidden = false;
    resultsBody.replaceChildren();
    var rows = files.map(function (f) {
      var tr = el('tr', 'upload-row');
      tr.appendChild(el('td', 'file', f.name));
      var progress = el('progress');
      progress.max = 100;
      progress.value = 0;
      progress.setAttribute('aria-label', f.name + ' 上传进度');
      var td = el('td');
      td.appendChild(progress);
      tr.appendChild(td);
      var result = el('td', 'result', '等待上传');
      tr.appendChild(result);
      resultsBody.appendChild(tr);
      return { file: f, row: tr, progress: progress, result: result };
    });
    docStatus.textContent = '正在上传 ' + files.length + ' 个文件…';
    // One request per file, one after another: per-file progress, and the server embeds one file at a time anyway.
    rows.reduce(function (chain, r) { return chain.then(function () { return upload(r); }); }, Promise.resolve())
      .then(function () {
        var failed = resultsBody.querySelectorAll('.result.failed').length;
        docStatus.textContent = '上传完成：' + (files.length - failed) + ' 个成功，' + failed + ' 个失败';
        return load();
      });
  });

  function upload(r) {
    return C.session.then(function (session) {
      return new Promise(function (resolve) {
        var xhr = new XMLHttpRequest();
        var kb = document.getElementById('upload-kb').value;
        xhr.open('POST', '/api/v1/documents' + (kb ? '?knowledgeBase=' + encodeURIComponent(kb) : ''));
        var h = C.headers(session, 'POST');
        Object.keys(h).forEach(function (k) { xhr.setRequestHeader(k, h[k]); });
        var timer = null;
        xhr.upload.onprogress = function (e) {
          if (!e.lengthComputable) return;
          r.progress.value = Math.round(e.loaded * 100 / e.total);
          r.result.textContent = e.loaded < e.total ? '上传中 ' + r.progress.value + '%' : '解析与向量化中…';
          if (e.loaded >= e.total && !timer) processing();
        };
        // After the upload the server parses and embeds; a scanned PDF is OCR'd page by page (about 10 s a page), so
        // the row keeps saying so, with the time spent, until the answer comes.
        function processing() {
          var started = Date.now();
          var scan = /\.pdf$/i.test(r.file.name) ? '（扫描件需逐页文字识别，可能需要几分钟）' : '';
          timer = setInterval(function () {
            r.result.textContent = '解析与向量化中' + scan + '，已用时 ' + Math.round((Date.now() - started) / 1000) + ' 秒';
          }, 1000);
        }
        function done() {
          if (timer) clearInterval(timer);
          timer = null;
        }
        xhr.onload = function () {
          done();
          r.progress.value = 100;
          var body = null;
          try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
          if (xhr.status === 401) {
            location.href = '/console/login';
            return;
          }
          var item = body && body.results && body.results[0];
          if (item && !item.error) {
            r.result.className = 'result ok';
            r.result.textContent = (RESULT[item.status] || item.status) + '：《' + (item.title || r.file.name) + '》，' +
              item.clauses + ' 个条款';
          } else {
            r.result.className = 'result failed';
            r.result.textContent = '失败：' + ((item && item.error && item.error.message) ||
              (body && body.error && body.error.message) || ('HTTP ' + xhr.status));
          }
          resolve();
        };
        xhr.onerror = function () {
          done();
          r.result.className = 'result failed';
          r.result.textContent = '失败：网络错误';
          resolve();
        };
        var data = new FormData();
        data.append('files', r.file, r.file.name);
        xhr.send(data);
      });
    });
  }

  load();
  C.knowledgeBaseOptions(document.getElementById('upload-kb')).then(function () {
    var kbSelect = document.getElementById('upload-kb');
    // 'default' is the first option already (no knowledge base named)
    Array.prototype.forEach.call(kbSelect.options, function (o) { if (o.value === 'default') o.remove(); });
  });
}());
