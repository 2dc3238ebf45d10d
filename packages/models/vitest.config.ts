import { rrVitestConfig } from '../../tools/vitest-preset.ts';

export default rrVitestConfig(import.meta.dirname);
