import { defineProjectConfig } from '../../vitest.shared.js';

export default defineProjectConfig('market-rest');
