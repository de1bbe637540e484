import { captureLocation, type SourceLocation } from '../source-location.ts';
import { defined } from '../input/definition-input.ts';
import { positional } from '../input/shape.ts';

const TEMPLATE = positional('notificationTemplate', 'name', 'text');
const USE_TEMPLATE = positional('useTemplate', 'template');

/** A named Go template for notifications, written to `alertmanager/templates/` (`{{ define "name" }}`). */
export interface NotificationTemplate {
  readonly kind: 'notification-template';
  readonly name: string;
  readonly text: string;
  readonly at: SourceLocation;
}

/** Declares a notification template; reference it in a receiver's text with `useTemplate`. */
export function notificationTemplate(name: string, text: string): NotificationTemplate {
  const at = captureLocation();
  return defined({ kind: 'notification-template', name, text, at }, TEMPLATE, [name, text], at);
}

/** A text field that renders a declared template: `{{ template "name" . }}`. */
export interface TemplateReference {
  readonly kind: 'template-reference';
  readonly template: NotificationTemplate;
}

export function useTemplate(template: NotificationTemplate): TemplateReference {
  return defined({ kind: 'template-reference', template }, USE_TEMPLATE, [template], captureLocation());
}

/** A notification text: Go template text, or a reference to a declared template. */
export type NotificationText = string | TemplateReference;
