import { defineProjectConfig } from '../../vitest.shared.js';

export default defineProjectConfig('openapi-adapter');
