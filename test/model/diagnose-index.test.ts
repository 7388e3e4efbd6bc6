/** The diagnose index: the build's file reads back as exactly the states the model traces. */
import { describe, expect, it } from 'vitest';
import { definitions, diagnosableStates } from '../../src/model/index.ts';
import { decodeDiagnoseIndex, encodeDiagnoseIndex, type DiagnoseIndex } from '../../src/model/diagnose-index.ts';
import type { DiagnosableState } from '../../src/model/diagnose.ts';

describe('the diagnose index', () => {
  const states = diagnosableStates();
  const index = encodeDiagnoseIndex(states, definitions);

  it('reads back as every diagnosable state, in order, through JSON', () => {
    const read = decodeDiagnoseIndex(JSON.parse(JSON.stringify(index)) as DiagnoseIndex);
    expect(read).toEqual(states);
  }, 60_000);
  it('holds one line per state, and names each role and cause once', () => {
    expect(index.states).toHaveLength(states.length);
    expect(new Set(index.roles).size).toBe(index.roles.length);
    expect(new Set(index.causes).size).toBe(index.causes.length);
  });
  it('keeps none received, an empty list and a list of several apart', () => {
    const scenario = { id: 'pod-to-pod' as const, params: [{ name: 'p', values: ['a', 'b'] }] };
    const state = (xForwardedFor: DiagnosableState['observed']['xForwardedFor']): DiagnosableState => ({
      scenario: 'pod-to-pod',
      params: { p: 'b' },
      cause: 'in-cluster-caller',
      observed: { remoteAddr: 'source-pod', xForwardedFor, xRealIp: null, proxyProtocol: 'client' },
    });
    const written = [state(null), state([]), state(['spoofed', 'client'])];
    expect(decodeDiagnoseIndex(encodeDiagnoseIndex(written, [scenario]))).toEqual(written);
  });
  it('refuses another version and a line that does not fit its tables', () => {
    expect(() => decodeDiagnoseIndex({ ...index, version: 2 } as unknown as DiagnoseIndex)).toThrow(/version 2/);
    expect(() => decodeDiagnoseIndex({ ...index, states: ['0 0 0 0 - -'] })).toThrow(/short line/);
    expect(() => decodeDiagnoseIndex({ ...index, states: [`0 ${'0'.repeat(40)} 0 0 - - -`] })).toThrow(/does not fit/);
    expect(() => decodeDiagnoseIndex({ ...index, states: ['z 0 0 0 - - -'] })).toThrow(/no entry z/);
  });
  it('refuses to write a value it could not read back', () => {
    const scenario = { id: 'pod-to-pod' as const, params: [{ name: 'p', values: ['a'] }] };
    const bad: DiagnosableState = {
      scenario: 'pod-to-pod',
      params: { p: 'c' },
      cause: 'in-cluster-caller',
      observed: { remoteAddr: 'source-pod', xForwardedFor: null, xRealIp: null, proxyProtocol: null },
    };
    expect(() => encodeDiagnoseIndex([bad], [scenario])).toThrow(/p=c is not one of its values/);
  });
});
