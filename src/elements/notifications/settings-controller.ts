import { html, type ReactiveControllerHost } from 'lit';
import { LoadTask } from '../../controllers/load-task.ts';
import type { PlazaClient } from '../../core/client.ts';
import { describeProblem, type Translate } from '../../core/i18n.ts';
import { asPlazaError } from '../../core/problem.ts';
import { NOTIFICATION_CHANNELS, NOTIFICATION_SETTING_KINDS, type NotificationChannel, type NotificationSettingKind, type NotificationSettings } from '../../core/protocol.ts';

/**
 * The bell's small settings view: per kind, where it reaches the reader besides the list
 * (`GET`/`PUT /me/notification-settings`). Loaded only when the view opens; each choice is saved
 * when made, and undone with the reason if the server refuses it.
 */
export class SettingsController {
  /** What the last save said, for the view's status line. */
  status = '';
  readonly #task: LoadTask<readonly [PlazaClient], NotificationSettings>;

  readonly #host: ReactiveControllerHost;
  readonly #context: () => { client: PlazaClient; shown: boolean; t: Translate; moderator: boolean };

  constructor(host: ReactiveControllerHost, context: () => { client: PlazaClient; shown: boolean; t: Translate; moderator: boolean }) {
    this.#host = host;
    this.#context = context;
    this.#task = new LoadTask(host, {
      args: () => {
        const { client, shown } = this.#context();
        return shown ? ([client] as const) : undefined;
      },
      task: ([client], signal) => client.request<NotificationSettings>('GET', '/me/notification-settings', { signal }),
    });
  }

  render() {
    const { t, moderator } = this.#context();
    const loading = () => html`<p class="quiet" role="status">${t('notifications.settings.loading')}</p>`;
    return this.#task.render({
      initial: loading,
      pending: loading,
      complete: (settings) => html`<form class="settings" @submit=${(event: Event) => event.preventDefault()}>
        <p class="quiet">${t('notifications.settings.intro')}</p>
        ${NOTIFICATION_SETTING_KINDS.filter((kind) => kind !== 'report' || moderator).map((kind) => {
          const id = `setting-${kind}`;
          return html`<div class="setting">
            <label for=${id}>${t(`notifications.kind.${kind}`)}</label>
            <select id=${id} part="setting" .value=${settings.kinds[kind]} @change=${(event: Event) => this.#choose(kind, (event.target as HTMLSelectElement).value as NotificationChannel)}>
              ${channelsFor(settings).map((channel) => html`<option value=${channel} ?selected=${settings.kinds[kind] === channel}>${t(`notifications.channel.${channel}`)}</option>`)}
            </select>
          </div>`;
        })}
        <p class="quiet" role="status">${this.status}</p>
      </form>`,
      error: (error) => html`<p class="problem" role="alert">${t('notifications.settings.loadFailed')} ${describeProblem(t, error)}</p>`,
    });
  }

  async #choose(kind: NotificationSettingKind, channel: NotificationChannel): Promise<void> {
    const { client, t } = this.#context();
    const before = this.#task.value;
    if (!before) return;
    this.#task.value = { ...before, kinds: { ...before.kinds, [kind]: channel } };
    this.status = '';
    this.#host.requestUpdate();
    try {
      this.#task.value = await client.request<NotificationSettings>('PUT', '/me/notification-settings', { body: { kinds: { [kind]: channel } } });
      this.status = t('notifications.settings.saved');
    } catch (error) {
      this.#task.value = before;
      this.status = t('notifications.settings.failed', { reason: describeProblem(t, asPlazaError(error)) });
    }
    this.#host.requestUpdate();
  }
}

/**
 * The channels the server offers (no e-mail or digest without SMTP, no Teams without its webhook),
 * and a choice made when it offered more, so the field shows what is chosen rather than a wrong one.
 */
function channelsFor(settings: NotificationSettings): NotificationChannel[] {
  const chosen = Object.values(settings.kinds);
  return NOTIFICATION_CHANNELS.filter((channel) => settings.channels.includes(channel) || chosen.includes(channel));
}
