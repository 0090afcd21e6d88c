import { describe, expect, it } from 'vitest';
import { budgetFlag } from '../../src/cli/v8-tuning.js';

describe('V8 flags the CLI sets', () => {
  it('--interrupt-budget only on the V8 that has it (Node 20: 11.3); none on 12+ (Node 22, 24) nor when node set one', () => {
    expect(budgetFlag('11.3.244.8-node.38', [])).toBe('--interrupt-budget=500000');
    expect(budgetFlag('11.8.172.17-node.20', [])).toBeUndefined();
    expect(budgetFlag('12.4.254.21-node.57', [])).toBeUndefined();
    expect(budgetFlag('13.6.233.17-node.63', [])).toBeUndefined();
    expect(budgetFlag('11.3.244.8-node.38', ['--interrupt-budget=67584'])).toBeUndefined();
    expect(budgetFlag('11.3.244.8-node.38', ['--interrupt_budget=1'])).toBeUndefined();
  });
});
