// A series chart drawn on canvas: no library, no build step. Points are {value, low, high, score, detected}.
"use strict";

function drawSeries(canvas, points) {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth, height = canvas.clientHeight;
  if (canvas.width !== Math.round(width * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const g = canvas.getContext("2d");
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, width, height);
  if (points.length === 0) return;

  // The top three quarters hold the values, the bottom quarter the anomaly score (0..1).
  const scoreHeight = Math.round(height * 0.25), plotHeight = height - scoreHeight - 4;
  let min = Infinity, max = -Infinity;
  for (const p of points) {
    min = Math.min(min, p.value, p.low ?? p.value);
    max = Math.max(max, p.value, p.high ?? p.value);
  }
  if (max === min) { max += 1; min -= 1; }
  const pad = (max - min) * 0.08;
  min -= pad; max += pad;
  const step = width / Math.max(points.length - 1, 1);
  const x = i => i * step;
  const y = v => plotHeight - ((v - min) / (max - min)) * plotHeight;

  // Normal range band, where the detector has one.
  g.fillStyle = "rgba(37, 99, 235, 0.10)";
  g.beginPath();
  let open = false;
  const upper = [];
  points.forEach((p, i) => {
    if (p.low == null || p.high == null) return;
    if (!open) { g.moveTo(x(i), y(p.high)); open = true; } else g.lineTo(x(i), y(p.high));
    upper.push(i);
  });
  for (let k = upper.length - 1; k >= 0; k--) g.lineTo(x(upper[k]), y(points[upper[k]].low));
  if (open) g.fill();

  // Values.
  g.strokeStyle = "#1d4ed8";
  g.lineWidth = 1.5;
  g.beginPath();
  points.forEach((p, i) => (i === 0 ? g.moveTo(x(i), y(p.value)) : g.lineTo(x(i), y(p.value))));
  g.stroke();

  // Scores as bars, orange when high.
  const base = height;
  points.forEach((p, i) => {
    const s = Math.max(0, Math.min(1, p.score || 0));
    g.fillStyle = s >= 0.5 ? "#ea580c" : "#9ca3af";
    g.fillRect(x(i) - Math.max(step / 2 - 0.5, 0.5), base - s * scoreHeight, Math.max(step - 1, 1), s * scoreHeight);
  });
  g.strokeStyle = "#e5e7eb";
  g.beginPath(); g.moveTo(0, base - scoreHeight - 2); g.lineTo(width, base - scoreHeight - 2); g.stroke();

  // Detected anomalies: a red ring on the value.
  g.strokeStyle = "#dc2626";
  g.lineWidth = 2;
  points.forEach((p, i) => {
    if (!p.detected) return;
    g.beginPath(); g.arc(x(i), y(p.value), 6, 0, Math.PI * 2); g.stroke();
  });
}
