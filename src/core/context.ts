import { createContext } from '@lit/context';
import type { PlazaConfig } from './config.ts';

/** What `<plaza-config>` provides to every Plaza element inside it. */
export const configContext = createContext<Partial<PlazaConfig>>(Symbol.for('plaza-config'));
