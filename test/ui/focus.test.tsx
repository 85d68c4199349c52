// Focus never falls to <body> (issue 7, item 7): a control that removed or disabled itself hands
// focus to the nearest control left in its group, or to a named fallback.
import { afterEach, describe, expect, it } from 'vitest';
import { focusById, focusLost, keepFocusIn } from '../../src/ui/focus';

afterEach(() => {
  document.body.innerHTML = '';
});

function page() {
  document.body.innerHTML = `
    <section id="interventions" tabindex="-1">
      <fieldset id="servers">
        <div id="row"><button id="remove" type="button">Remove server-3</button></div>
        <button id="disabled" type="button" disabled>Kill</button>
        <button id="add" type="button">Add server</button>
      </fieldset>
    </section>
    <div id="stage">stage</div>`;
}

describe('keepFocusIn', () => {
  it('moves lost focus to the first control left in the group', () => {
    page();
    const group = document.getElementById('servers');
    document.getElementById('remove')!.focus();
    document.getElementById('row')!.remove();
    (document.activeElement as HTMLElement | null)?.blur?.();
    expect(focusLost()).toBe(true);
    keepFocusIn(group, 'interventions');
    expect(document.activeElement?.id).toBe('add');
  });

  it('leaves focus alone when it is somewhere', () => {
    page();
    document.getElementById('add')!.focus();
    keepFocusIn(document.getElementById('servers'), 'interventions');
    expect(document.activeElement?.id).toBe('add');
  });

  it('falls back to the named element when the group is gone', () => {
    page();
    const group = document.getElementById('servers')!;
    group.remove();
    keepFocusIn(group, 'interventions');
    expect(document.activeElement?.id).toBe('interventions');
  });
});

describe('focusById', () => {
  it('focuses a skip-link target, making it focusable by script if it is not', () => {
    page();
    expect(focusById('stage')).toBe(true);
    expect(document.activeElement?.id).toBe('stage');
    expect(document.getElementById('stage')!.getAttribute('tabindex')).toBe('-1');
    expect(focusById('nowhere')).toBe(false);
  });
});
