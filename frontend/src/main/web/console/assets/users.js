/* Console · Users (ADMIN): list, create, delete, reset password. */
(function () {
  'use strict';
  var C = window.GovAssistConsole;
  var el = C.el;
  var tbody = document.querySelector('#users tbody');
  var status = document.getElementById('user-status');
  var form = document.getElementById('user-form');
  var ROLE = { ADMIN: '管理员', STAFF: '工作人员' };

  function load() {
    C.api('GET', '/api/v1/admin/users').then(function (res) {
      if (!res.ok) {
        status.textContent = C.errorMessage(res, '无法加载用户列表');
        return;
      }
      tbody.replaceChildren();
      res.body.users.forEach(function (u) {
        var tr = el('tr');
        tr.setAttribute('data-username', u.username);
        tr.appendChild(el('td', null, u.username));
        tr.appendChild(el('td', null, u.displayName || '—'));
        tr.appendChild(el('td', null, ROLE[u.role] || u.role));
        tr.appendChild(el('td', null, C.formatTime(u.createdAt)));
        tr.appendChild(el('td', null, u.createdBy || '（系统）'));
        var actions = el('td', 'actions');
        var reset = el('button', 'reset', '重置密码');
        reset.type = 'button';
        reset.setAttribute('aria-label', '重置密码：' + u.username);
        reset.addEventListener('click', function () { resetPassword(u); });
        var del = el('button', 'delete danger', '删除');
        del.type = 'button';
        del.setAttribute('aria-label', '删除用户：' + u.username);
        del.addEventListener('click', function () { remove(u); });
        actions.appendChild(reset);
        actions.appendChild(del);
        tr.appendChild(actions);
        tbody.appendChild(tr);
      });
    });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var body = {
      username: document.getElementById('u-name').value.trim(),
      displayName: document.getElementById('u-display').value.trim(),
      password: document.getElementById('u-password').value,
      role: document.getElementById('u-role').value
    };
    C.api('POST', '/api/v1/admin/users', body).then(function (res) {
      if (!res.ok) {
        status.textContent = '创建失败：' + C.errorMessage(res);
        return;
      }
      status.textContent = '已创建用户 ' + res.body.username;
      form.reset();
      load();
    });
  });

  function remove(u) {
    if (!window.confirm('确定删除用户 ' + u.username + ' 吗？')) return;
    C.api('DELETE', '/api/v1/admin/users/' + encodeURIComponent(u.username)).then(function (res) {
      status.textContent = res.ok ? '已删除用户 ' + u.username : '删除失败：' + C.errorMessage(res);
      if (res.ok) load();
    });
  }

  function resetPassword(u) {
    var password = window.prompt('为 ' + u.username + ' 设置新密码（至少 8 位）：');
    if (password == null) return;
    C.api('PUT', '/api/v1/admin/users/' + encodeURIComponent(u.username) + '/password', { password: password })
      .then(function (res) {
        status.textContent = res.ok ? '已重置 ' + u.username + ' 的密码' : '重置失败：' + C.errorMessage(res);
      });
  }

  load();
}());
