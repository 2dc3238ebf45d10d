export { createNodes, createNodesV2 } from './plugin.js';
export { main } from './cli/main.js';
export { generate, type GenerateOptions, type GenerateResult } from './pipeline/generate.js';
export { readRrConfig, ConfigError, type RrConfig } from './config/rr-config.js';
export { DEFAULT_PROFILES, type PerformanceProfile } from './config/performance.js';
