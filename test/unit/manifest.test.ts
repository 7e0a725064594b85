/** The extension manifest (package.json `contributes` and `capabilities`) holds together: what it names exists. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { PROJECT_ROOT } from '../support/corpus';

interface Manifest {
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] } };
  contributes: {
    commands: { command: string; title: string; icon?: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { properties: Record<string, { type: string; enum?: string[]; default?: unknown; scope?: string }> };
    viewsContainers: Record<string, { id: string; icon: string }[]>;
    views: Record<string, { id: string; name: string }[]>;
    walkthroughs: {
      id: string;
      steps: {
        id: string;
        title: string;
        description: string;
        media: { markdown?: string; svg?: string; image?: string };
        completionEvents: string[];
      }[];
    }[];
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as Manifest;
const { contributes } = manifest;
const commands = new Set(contributes.commands.map((c) => c.command));
const exists = (rel: string) => fs.existsSync(path.join(PROJECT_ROOT, rel));

describe('the extension manifest', () => {
  it('declares quicktakes.trace.server, which the language client (id `quicktakes`) reads', () => {
    const trace = contributes.configuration.properties['quicktakes.trace.server'];
    assert.deepEqual([trace.type, trace.enum, trace.default], ['string', ['off', 'messages', 'verbose'], 'off']);
    const extension = fs.readFileSync(path.join(PROJECT_ROOT, 'client/src/extension.ts'), 'utf8');
    assert.match(extension, /new LanguageClient\('quicktakes',/);
  });

  it('supports untrusted workspaces in part, restricting the settings that name a path', () => {
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.ok(untrusted.description && untrusted.description.length > 20);
    assert.deepEqual(untrusted.restrictedConfigurations, ['quicktakes.contentGlob']);
    for (const key of untrusted.restrictedConfigurations) assert.ok(contributes.configuration.properties[key], key);
  });

  it('names only contributed commands in its menus, with an icon where a menu shows icons', () => {
    for (const [menu, entries] of Object.entries(contributes.menus)) {
      for (const entry of entries) {
        assert.ok(commands.has(entry.command), `${menu}: ${entry.command} is not a contributed command`);
        const iconOnly = menu === 'view/title' || menu === 'editor/title' || menu === 'view/item/context';
        if (iconOnly)
          assert.ok(contributes.commands.find((c) => c.command === entry.command)?.icon, `${menu}: ${entry.command} has no icon`);
      }
    }
    const explorer = contributes.menus['explorer/context'].map((e) => e.command);
    assert.deepEqual(explorer.sort(), ['quicktakes.newQuestion', 'quicktakes.openPreviewToSide']);
  });

  it('puts its views in a container whose icon exists', () => {
    const containers = Object.values(contributes.viewsContainers).flat();
    for (const c of containers) assert.ok(exists(c.icon), c.icon);
    for (const container of Object.keys(contributes.views))
      assert.ok(
        containers.some((c) => c.id === container),
        container,
      );
    assert.deepEqual(
      contributes.views.quicktakes.map((v) => v.name),
      ['Linked From', 'Links', 'Linked From Nowhere', 'Without Related Links', 'Problems by Code'],
    );
  });

  it('has a walkthrough whose steps have their media and complete on an event', () => {
    const [walkthrough] = contributes.walkthroughs;
    assert.deepEqual(
      walkthrough.steps.map((s) => s.id),
      ['openArticle', 'preview', 'fixProblem', 'editAnswer', 'newQuestion'],
    );
    for (const step of walkthrough.steps) {
      const media = step.media.markdown ?? step.media.svg ?? step.media.image;
      assert.ok(media?.startsWith('media/walkthrough/') && exists(media), `${step.id}: ${media}`);
      assert.ok(step.completionEvents.length > 0, step.id);
      for (const event of step.completionEvents) {
        const [kind, arg] = [event.slice(0, event.indexOf(':')), event.slice(event.indexOf(':') + 1)];
        assert.ok(['onCommand', 'onContext', 'onView', 'onLink', 'onSettingChanged'].includes(kind), event);
        if (kind === 'onCommand' && arg.startsWith('quicktakes.')) assert.ok(commands.has(arg), event);
      }
      // a step's button runs a command: ours must exist
      for (const [, command] of step.description.matchAll(/\(command:(quicktakes\.[\w.]+)/g)) assert.ok(commands.has(command), command);
    }
  });
});
