// A11y review: arrowing through a closed select fired change at every option, so the Scenario
// select loaded each lesson passed and a skew select recorded an intervention per option. Arrows
// now only show an option; Enter or leaving the select picks it; a mouse pick acts at once.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChoiceSelect } from '../../src/ui/interventions/ChoiceSelect';

afterEach(cleanup);

const CHOICES = [0, 5_000, 30_000].map((value) => ({ value, label: `${value / 1000} s` }));

function setup() {
  const onPick = vi.fn();
  render(<ChoiceSelect label="Clock skew" value={0} choices={CHOICES} onPick={onPick} />);
  const select = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Clock skew' });
  /** What Chromium does for an arrow on a closed select: the key, then a change to the next option. */
  const arrowTo = (value: number) => {
    fireEvent.keyDown(select, { key: 'ArrowDown' });
    fireEvent.change(select, { target: { value: String(value) } });
  };
  return { onPick, select, arrowTo };
}

describe('a select that acts on its pick', () => {
  it('only shows the options arrows pass, and picks the one Enter settles on', () => {
    const { onPick, select, arrowTo } = setup();
    arrowTo(5_000);
    arrowTo(30_000);
    expect(onPick).not.toHaveBeenCalled();
    expect(select.value).toBe('30000');
    fireEvent.keyDown(select, { key: 'Enter' });
    expect(onPick.mock.calls).toEqual([[30_000]]);
  });

  it('picks the option shown when focus leaves it, and nothing when arrows came back to the value', () => {
    const { onPick, select, arrowTo } = setup();
    arrowTo(5_000);
    fireEvent.blur(select);
    expect(onPick.mock.calls).toEqual([[5_000]]);
    cleanup();
    const again = setup();
    again.arrowTo(5_000);
    again.arrowTo(0);
    fireEvent.blur(again.select);
    expect(again.onPick).not.toHaveBeenCalled();
  });

  it('acts at once on a pick made with the pointer or in the open list', () => {
    const { onPick, select } = setup();
    fireEvent.pointerDown(select);
    fireEvent.change(select, { target: { value: '30000' } });
    expect(onPick.mock.calls).toEqual([[30_000]]);
    fireEvent.keyDown(select, { key: ' ' });
    fireEvent.change(select, { target: { value: '5000' } });
    expect(onPick.mock.calls).toEqual([[30_000], [5_000]]);
  });
});

// Review of the above: type-ahead, Escape, a value changed from outside, a select disabled mid-browse.
describe('a select that acts on its pick, at the edges', () => {
  function controlled(value: number, disabled = false, onPick = vi.fn()) {
    return { onPick, ui: <ChoiceSelect label="Clock skew" value={value} choices={CHOICES} onPick={onPick} disabled={disabled} /> };
  }

  it('only shows an option a typed letter reaches, and Escape takes it back', () => {
    const { onPick, ui } = controlled(0);
    render(ui);
    const select = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Clock skew' });
    fireEvent.keyDown(select, { key: '3' });
    fireEvent.change(select, { target: { value: '30000' } });
    expect(onPick).not.toHaveBeenCalled();
    expect(select.value).toBe('30000');
    fireEvent.keyDown(select, { key: 'Escape' });
    expect(select.value).toBe('0');
    fireEvent.blur(select);
    expect(onPick).not.toHaveBeenCalled();
  });

  it('drops the option shown when the value changes from outside, or the select is disabled, and picks nothing', () => {
    const onPick = vi.fn();
    const { rerender } = render(controlled(0, false, onPick).ui);
    const select = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Clock skew' });
    fireEvent.keyDown(select, { key: 'ArrowDown' });
    fireEvent.change(select, { target: { value: '5000' } });
    rerender(controlled(30_000, false, onPick).ui);
    expect(select.value).toBe('30000');
    fireEvent.blur(select);
    expect(onPick).not.toHaveBeenCalled();
    fireEvent.keyDown(select, { key: 'ArrowUp' });
    fireEvent.change(select, { target: { value: '5000' } });
    rerender(controlled(30_000, true, onPick).ui);
    fireEvent.blur(select);
    expect(onPick).not.toHaveBeenCalled();
  });
});
