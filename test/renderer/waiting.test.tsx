import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { OutcomeText } from '../../renderer/src/components/ui';

describe('waiting is not an error', () => {
  it('shows a "not yet" answer in a neutral tone, with the seed wording unchanged, and a refusal in red', () => {
    const waiting =
      'On call of PAG API: Payment advice is not yet generated for Bill Number PI-1013/2023-24/000007';
    const refusal =
      'On call of PIS API: This Bill Number PI-1013/2023-24/000007 is rejected by SSU';
    render(
      <>
        <OutcomeText outcome="ERROR" message={waiting} />
        <OutcomeText outcome="ERROR" message={refusal} />
      </>,
    );
    expect(screen.getByText(waiting).className).toMatch(/text-neutral/);
    expect(screen.getByText(waiting).className).not.toMatch(/text-error/);
    expect(screen.getByText(refusal).className).toMatch(/text-error/);
  });
});
