// framer-motion's animation features, fetched after first paint: until they arrive, `m`
// components render in place without animating (LazyMotion's documented async loading).
export { domAnimation as default } from 'framer-motion';
