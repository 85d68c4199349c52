// The dependency floor: a page that imports only what the app imports from its dependencies,
// so the bundle-size bench can say how much the app itself adds on top.
import { AnimatePresence, domAnimation, LazyMotion, m, MotionConfig, useMotionValue } from 'framer-motion';
import { exportJWK, jwtVerify, SignJWT } from 'jose';
import { createRoot } from 'react-dom/client';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { createStore } from 'zustand/vanilla';

const store = createStore(() => ({ n: 0 }));
function Floor() {
  const n = useStore(store, useShallow((s) => ({ n: s.n })));
  const x = useMotionValue(0);
  return (
    <MotionConfig reducedMotion="user">
      <LazyMotion features={domAnimation} strict>
        <AnimatePresence>
          <m.div style={{ x }}>{n.n}</m.div>
        </AnimatePresence>
      </LazyMotion>
    </MotionConfig>
  );
}
Object.assign(window, { floorDeps: [SignJWT, jwtVerify, exportJWK] });
createRoot(document.getElementById('root')!).render(<Floor />);
