// Progressive enhancement of /verify: where the browser has a QR detector (BarcodeDetector) and a
// camera, a "scan" button reads the card's QR code into the form and sends it. Without it, the number
// and the pasted text work as before.
(function () {
  'use strict';
  var box = document.getElementById('scanner');
  var verdict = document.getElementById('verdict');
  if (verdict) { verdict.focus(); }
  if (!box || !('BarcodeDetector' in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { return; }
  var button = document.getElementById('scan');
  var video = document.getElementById('scan-video');
  var status = document.getElementById('scan-status');
  var form = document.getElementById('verify-form');
  var text = document.getElementById('qr');
  box.hidden = false;
  button.addEventListener('click', function () {
    var detector = new window.BarcodeDetector({ formats: ['qr_code'] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      video.play();
      var stop = function () { stream.getTracks().forEach(function (t) { t.stop(); }); video.hidden = true; };
      var tick = function () {
        detector.detect(video).then(function (codes) {
          var found = codes.filter(function (c) { return c.rawValue && c.rawValue.indexOf('AZ1:') === 0; })[0];
          if (found) { stop(); text.value = found.rawValue; form.submit(); return; }
          window.setTimeout(tick, 200);
        }, function () { window.setTimeout(tick, 400); });
      };
      tick();
    }, function (err) { status.textContent = String(err && err.name || err); });
  });
})();
