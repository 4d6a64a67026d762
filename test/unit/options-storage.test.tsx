// @vitest-environment happy-dom
/**
 * The options page's storage section: what it says about the storage used
 * and about the browser keeping the data, for each answer the browser can give.
 * navigator.storage is replaced by a stand-in that answers as told.
 */
import { h, render } from 'preact';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { StorageSection, type StorageAccess } from '../../lib/ui/options/StorageSection';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check(), what).toBe(true);
};

function browserStorage(persisted: boolean, grants: boolean) {
  const asked: number[] = [];
  const storage: StorageAccess = {
    estimate: async () => ({ usage: 3 * 1024 * 1024, quota: 1e10 }),
    persisted: async () => persisted,
    persist: async () => {
      asked.push(1);
      return grants;
    },
  };
  return { storage, asked };
}

const text = (id: string) => root.querySelector(`#${id}`)?.textContent ?? '';

it('states the storage used and that the browser may clear it, and asks when pressed', async () => {
  const { storage, asked } = browserStorage(false, true);
  render(h(StorageSection, { storage, changes: 1, persistAsked: 0 }), root);
  await until(() => text('storage-usage') === 'Backstory uses 3 MB of this browser’s storage.', 'usage');
  await until(() => text('storage-persistence').includes('may clear'), 'not kept yet');
  expect(asked).toHaveLength(0);
  root.querySelector('button')!.click();
  await until(() => text('storage-persistence').startsWith('The browser keeps Backstory’s data'), 'granted');
  expect(asked).toHaveLength(1);
  expect(root.querySelector('button')).toBeNull();
});

it('says so when the browser declines, and asks by itself once an import stored articles', async () => {
  const { storage, asked } = browserStorage(false, false);
  render(h(StorageSection, { storage, changes: 1, persistAsked: 0 }), root);
  await until(() => text('storage-persistence').includes('may clear'), 'not kept yet');
  render(h(StorageSection, { storage, changes: 2, persistAsked: 1 }), root);
  await until(() => text('storage-persistence').startsWith('The browser declined'), 'declined');
  expect(asked).toHaveLength(1);
});

it('does not ask a browser that already keeps the data', async () => {
  const { storage, asked } = browserStorage(true, true);
  render(h(StorageSection, { storage, changes: 1, persistAsked: 1 }), root);
  await until(() => text('storage-persistence').startsWith('The browser keeps'), 'kept');
  expect(asked).toHaveLength(0);
});
