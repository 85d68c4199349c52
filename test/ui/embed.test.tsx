// The embed layout and the Share dialog, as a teacher and a learner use them.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../src/store/createAppStore';
import { App } from '../../src/ui/App';

afterEach(cleanup);

async function app(presentation: Parameters<typeof createAppStore>[0] = {}) {
  const store = createAppStore({ scenarioId: 'revocation', view: 'both', questionsOn: false, ...presentation });
  await store.getState().load();
  await act(async () => {
    render(<App store={store} />);
  });
  return store;
}

describe('embed layout', () => {
  it('shows the caption, the worlds and one row of playback, and a way out to the full app at the same moment', async () => {
    const store = await app({ presentation: { embed: true } });
    expect(screen.queryByLabelText('Scenario')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Interventions' })).toBeNull();
    const row = screen.getByRole('group', { name: 'Playback' });
    for (const name of ['Play', 'Step', 'Step back']) expect(within(row).getByRole('button', { name })).toBeTruthy();
    expect(within(row).getByRole('slider', { name: 'Timeline' })).toBeTruthy();
    expect(within(row).getByRole('slider', { name: 'Speed' })).toBeTruthy();
    await act(() => store.getState().seek(4200));
    // Loaded on demand (an embed's only).
    const out = await screen.findByRole('link', { name: /Open in the full simulator/ });
    fireEvent.focus(out);
    const href = new URL(out.getAttribute('href')!);
    expect(out.getAttribute('target')).toBe('_blank');
    expect(Object.fromEntries(href.searchParams)).toEqual({ scenario: 'revocation', mode: 'both', speed: String(store.getState().speed), t: '4200', q: '0' });
    // A clock's float is tidied as Share tidies it: "t=8547.164999999999" (teacher review).
    await act(() => store.getState().seek(4200.0001234));
    fireEvent.pointerEnter(out);
    expect(new URL(out.getAttribute('href')!).searchParams.get('t')).toBe('4200.001');
  });

  it('with controls=0 keeps only Play, and with inspect=0 the stage opens nothing', async () => {
    // No layout engine here: the stage draws at its fallback size.
    vi.stubGlobal('ResizeObserver', undefined);
    await app({ presentation: { embed: true, controls: false, inspect: false } });
    const row = screen.getByRole('group', { name: 'Playback' });
    expect(within(row).getAllByRole('button').map((b) => b.getAttribute('aria-label') ?? b.textContent)).toEqual(['Play']);
    expect(within(row).queryByRole('slider')).toBeNull();
    // Nodes are pictures, not buttons.
    expect(screen.queryAllByRole('button', { name: /server-1/ })).toEqual([]);
    // The stage's code arrives on demand: its nodes are drawn once it has.
    await waitFor(() => expect(document.querySelectorAll('.node[role=img]').length).toBeGreaterThan(3));
    expect(document.querySelectorAll('.node[role=button], .stage-dots.is-inspectable')).toHaveLength(0);
    vi.unstubAllGlobals();
  });
});

describe('Share dialog', () => {
  it("keeps a stage the page's link made unclickable (inspect=0) so in the embed code it writes", async () => {
    await app({ presentation: { inspect: false } });
    fireEvent.click(screen.getByRole('button', { name: 'Share' }));
    await screen.findByRole('dialog', { name: 'Share this moment' });
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: /Clicking the stage/ }).checked).toBe(false);
    const src = new URL(/src="([^"]+)"/.exec(screen.getByLabelText<HTMLTextAreaElement>('Embed code').value)![1]!.replace(/&amp;/g, '&'));
    expect(src.searchParams.get('inspect')).toBe('0');
  });

  it('gives the link to this moment and an iframe snippet that follows the teacher\'s choices', async () => {
    const store = await app();
    await act(() => store.getState().seek(3000));
    fireEvent.click(screen.getByRole('button', { name: 'Share' }));
    // The dialog's chunk loads on demand, then it opens (showModal): wait for it to be open.
    await screen.findByRole('dialog', { name: 'Share this moment' });
    const link = screen.getByLabelText<HTMLInputElement>('Link to this moment').value;
    // The sharer's own questions are off here; a student's link asks them unless the sharer unticks it,
    // and says so (q=1), or opened in the sharer's browser it asked none (teacher reviews).
    expect(store.getState().questionsOn).toBe(false);
    expect(Object.fromEntries(new URL(link).searchParams)).toEqual({ scenario: 'revocation', mode: 'both', speed: String(store.getState().speed), t: '3000', q: '1' });
    const code = () => screen.getByLabelText<HTMLTextAreaElement>('Embed code').value;
    const src = () => new URL(/src="([^"]+)"/.exec(code())![1]!.replace(/&amp;/g, '&'));
    expect(code()).toContain('height="600"');
    expect(code()).toContain('title="Sessions vs JWT simulator: Ban a user"');
    expect(Object.fromEntries(src().searchParams)).toMatchObject({ embed: '1', t: '3000' });
    expect(src().searchParams.has('q')).toBe(false);
    fireEvent.click(screen.getByRole('checkbox', { name: /Ask prediction questions/ }));
    expect(new URL(screen.getByLabelText<HTMLInputElement>('Link to this moment').value).searchParams.get('q')).toBe('0');
    expect(src().searchParams.get('q')).toBe('0');
    fireEvent.click(screen.getByRole('checkbox', { name: /Playback controls/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /Clicking the stage/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /Start playing/ }));
    expect(Object.fromEntries(src().searchParams)).toMatchObject({ embed: '1', controls: '0', inspect: '0', play: '1' });
    // The full app in a frame: taller, and the embed-only choice is off.
    fireEvent.click(screen.getByRole('checkbox', { name: /Embed layout/ }));
    expect(code()).toContain('height="860"');
    expect(src().searchParams.has('embed')).toBe(false);
    expect(src().searchParams.has('controls')).toBe(false);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: /Playback controls/ }).disabled).toBe(true);
  });

  it('says when a moment\'s interventions are more than a link carries', async () => {
    const store = await app();
    for (let i = 0; i < 201; i++) await act(() => store.getState().dispatch({ type: 'rotateKey' }));
    fireEvent.click(screen.getByRole('button', { name: 'Share' }));
    await screen.findByRole('dialog', { name: 'Share this moment' });
    expect(screen.getByText(/holds 201 interventions; a link carries at most 200, so it opens without them/)).toBeTruthy();
  }, 60_000);

  // QA: with Share open (it pauses the lesson), a click on its heading then +, ArrowRight and
  // Space doubled the speed, stepped and played the lesson behind the dialog.
  it('keeps the page shortcuts away from the lesson while it is open', async () => {
    const store = await app();
    await act(() => store.getState().seek(3000));
    fireEvent.click(screen.getByRole('button', { name: 'Share' }));
    const dialog = await screen.findByRole('dialog', { name: 'Share this moment' });
    const heading = within(dialog).getByRole('heading', { name: 'Share this moment' });
    const before = { speed: store.getState().speed, timeMs: store.player.timeMs };
    // Keys on <body> behind it are kept out by :modal, which happy-dom lacks: keys.spec.ts checks them in Chromium.
    for (const key of ['+', 'ArrowRight', ' ']) fireEvent.keyDown(heading, { key });
    await act(async () => {});
    expect({ speed: store.getState().speed, timeMs: store.player.timeMs }).toEqual(before);
    expect(store.getState().playing).toBe(false);
  });

  // QA: with the drawer open, one Escape closed both the Share dialog and the drawer under it.
  it('takes Escape for itself when it opens over the drawer: the drawer stays open', async () => {
    const store = await app();
    act(() => store.getState().openDrawer('interventions'));
    await screen.findByRole('button', { name: 'Close panel' });
    fireEvent.click(screen.getByRole('button', { name: 'Share' }));
    const dialog = await screen.findByRole('dialog', { name: 'Share this moment' });
    fireEvent.keyDown(within(dialog).getByRole('button', { name: 'Close' }), { key: 'Escape' });
    expect(store.getState().drawer).toBe('interventions');
    // The dialog gone, the next Escape is the drawer's.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    (dialog as HTMLDialogElement).close();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(store.getState().drawer).toBe('closed');
  });
});

describe('a lesson that cannot run here', () => {
  it('says why, and no longer says the cluster is being prepared (it looked stuck)', async () => {
    const store = createAppStore({ scenarioId: 'microservices', view: 'both', questionsOn: false, webCrypto: false, presentation: { embed: true } });
    await store.getState().load();
    await act(async () => {
      render(<App store={store} />);
    });
    expect(screen.getByRole('alert').textContent).toMatch(/JWT world only/);
    // An embed has no lesson picker to pick another lesson with, and no Play to press.
    expect(screen.getByRole('alert').textContent).not.toMatch(/pick another lesson/);
    expect(screen.getByTestId('caption').textContent).toBe('');
    // The box says which lesson this is: the opening sizes it, there being no captions to.
    expect(screen.getByTestId('lesson-caption').textContent).toMatch(/^Five services, one signing key\. What to watch:/);
    expect(screen.getByTestId('lesson-caption').classList).toContain('has-no-captions');
    // The stage's code comes (its region stays); nothing in it says the cluster is being prepared.
    await waitFor(() => expect(document.querySelector('.stages')?.textContent).toBe(''), { timeout: 5_000 });
  });
});
