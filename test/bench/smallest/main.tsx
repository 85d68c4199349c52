// The reference for bundle size: the smallest React 19 app there is.
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<p>Hello</p>);
