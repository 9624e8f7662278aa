/* Console · Knowledge bases (ADMIN): create, list with document counts, assign documents, delete. */
(function () {
  'use strict';
  var C = window.GovAssistConsole;
  var el = C.el;
  var tbody = document.querySelector('#kbs tbody');
  var status = document.getElementById('kb-status');
  var form = document.getElementById('kb-form');
  var assign = document.getElementById('assign');
  var assignList = document.getElementById('assign-documents');
  var assigning = null;

  var AUDIENCE = { PUBLIC: '公众', STAFF: '仅工作人员' };

  function load() {
    C.api('GET', '/api/v1/admin/knowledge-bases').then(function (res) {
      if (!res.ok) {
        status.textContent = C.errorMessage(res, '无法加载知识库列表');
        return;
      }
      tbody.replaceChildren();
      res.body.knowledgeBases.forEach(function (kb) {
        var tr = el('tr');
        tr.setAttribute('data-kb-id', kb.id);
        tr.appendChild(el('td', 'kb-id', kb.id));
        tr.appendChild(el('td', 'kb-name', kb.name));
        tr.appendChild(el('td', 'kb-audience', AUDIENCE[kb.audience] || kb.audience));
        tr.appendChild(el('td', 'kb-count', String(kb.documentCount)));
        var actions = el('td', 'actions');
        var docs = el('button', 'assign', '分配文件');
        docs.type = 'button';
        docs.setAttribute('aria-label', '为知识库 ' + kb.name + ' 分配文件');
        docs.addEventListener('click', function () { openAssign(kb); });
        actions.appendChild(docs);
        if (kb.id !== 'default') {
          var del = el('button', 'delete danger', '删除');
          del.type = 'button';
          del.setAttribute('aria-label', '删除知识库：' + kb.name);
          del.addEventListener('click', function () { remove(kb); });
          actions.appendChild(del);
        }
        tr.appendChild(actions);
        tbody.appendChild(tr);
      });
    });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var body = {
      id: document.getElementById('kb-id').value.trim(),
      name: document.getElementById('kb-name').value.trim(),
      audience: document.getElementById('kb-audience').value,
      welcome: document.getElementById('kb-welcome').value.trim() || null,
      suggestedQuestions: document.getElementById('kb-suggestions').value.split('\n')
        .map(function (s) { return s.trim(); }).filter(Boolean)
    };
    C.api('POST', '/api/v1/admin/knowledge-bases', body).then(function (res) {
      if (!res.ok) {
        status.textContent = '新建失败：' + C.errorMessage(res);
        return;
      }
      status.textContent = '已新建知识库 ' + res.body.name + '（' + res.body.id + '）';
      form.reset();
      load();
    });
  });

  function openAssign(kb) {
    assigning = kb;
    document.getElementById('assign-title').textContent = '分配文件：' + kb.name + '（' + kb.id + '）';
    assignList.replaceChildren();
    C.api('GET', '/api/v1/documents').then(function (res) {
      if (!res.ok) {
        status.textContent = C.errorMessage(res, '无法加载文件列表');
        return;
      }
      res.body.documents.slice().sort(function (a, b) { return a.title.localeCompare(b.title, 'zh'); })
        .forEach(function (d) {
          var li = el('li');
          var label = el('label', 'check');
          var box = el('input');
          box.type = 'checkbox';
          box.value = d.id;
          box.checked = (d.knowledgeBases || []).indexOf(kb.id) >= 0;
          label.appendChild(box);
          label.appendChild(document.createTextNode(' ' + d.title + (d.docNumber ? '（' + d.docNumber + '）' : '')));
          li.appendChild(label);
          assignList.appendChild(li);
        });
      assign.hidden = false;
      assign.scrollIntoView();
    });
  }

  document.getElementById('assign-save').addEventListener('click', function () {
    if (!assigning) return;
    var ids = Array.prototype.filter.call(assignList.querySelectorAll('input[type=checkbox]'),
      function (b) { return b.checked; }).map(function (b) { return b.value; });
    var kb = assigning;
    C.api('PUT', '/api/v1/admin/knowledge-bases/' + encodeURIComponent(kb.id) + '/documents', { documentIds: ids })
      .then(function (res) {
        status.textContent = res.ok ? '已保存：知识库 ' + kb.name + ' 含 ' + ids.length + ' 个文件'
          : '保存失败：' + C.errorMessage(res);
        if (res.ok) {
          assign.hidden = true;
          assigning = null;
          load();
        }
      });
  });

  document.getElementById('assign-cancel').addEventListener('click', function () {
    assign.hidden = true;
    assigning = null;
  });

  function remove(kb) {
    if (!window.confirm('确定删除知识库“' + kb.name + '”吗？其中的文件不会被删除。')) return;
    C.api('DELETE', '/api/v1/admin/knowledge-bases/' + encodeURIComponent(kb.id)).then(function (res) {
      status.textContent = res.ok ? '已删除知识库 ' + kb.name : '删除失败：' + C.errorMessage(res);
      if (res.ok) load();
    });
  }

  load();
}());
