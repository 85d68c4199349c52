// The reference for frame cost: a plain page whose one rAF loop moves 300 SVG circles by writing
// their transforms, as the stage moves its dots. Nothing else runs.
const COUNT = 300;
const svg = document.getElementById('stage')!;
const circles = Array.from({ length: COUNT }, (_, i) => {
  const c = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
  c.setAttribute('r', '7');
  c.setAttribute('fill', i % 2 ? '#1a66d9' : '#8a3ffc');
  svg.appendChild(c);
  return c;
});
const frame = (t: number) => {
  circles.forEach((c, i) => {
    const p = ((t / 2000 + i / COUNT) % 1) * 1200;
    c.setAttribute('transform', `translate(${40 + p} ${40 + ((i * 37) % 720)})`);
  });
  requestAnimationFrame(frame);
};
requestAnimationFrame(frame);
