// Progressive enhancement only: every form works without this file.
// 1. A form marked data-once is sent once, however many times its button is pressed.
// 2. An upload form shows a progress bar while the file is sent.
(function () {
  'use strict';
  document.querySelectorAll('form[data-once]').forEach(function (form) {
    form.addEventListener('submit', function (ev) {
      if (form.dataset.sent === '1') { ev.preventDefault(); return; }
      form.dataset.sent = '1';
      if (!form.classList.contains('upload') || !window.XMLHttpRequest || !window.FormData) { return; }
      var input = form.querySelector('input[type=file]');
      if (!input || !input.files || input.files.length === 0) { return; }
      ev.preventDefault();
      var bar = form.querySelector('progress');
      if (bar) { bar.hidden = false; bar.value = 0; }
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      xhr.upload.addEventListener('progress', function (e) {
        if (bar && e.lengthComputable) { bar.value = Math.round((e.loaded / e.total) * 100); }
      });
      xhr.addEventListener('load', function () {
        // Stored (the server redirected to the list): show the list at the item. Refused: show the page
        // the server sent, with its errors.
        if (xhr.status === 200) {
          var item = form.querySelector('input[name=item]');
          history.replaceState(null, '', '#item-' + (item ? item.value.replace(/_/g, '-') : ''));
          window.location.reload();
          return;
        }
        document.open();
        document.write(xhr.responseText);
        document.close();
      });
      xhr.addEventListener('error', function () { form.dataset.sent = ''; if (bar) { bar.hidden = true; } });
      xhr.send(new FormData(form));
    });
  });
})();
