import { captureLocation, type SourceLocation } from '../source-location.ts';

/** A named Go template for notifications, written to `alertmanager/templates/` (`{{ define "name" }}`). */
export interface NotificationTemplate {
  readonly kind: 'notification-template';
  readonly name: string;
  readonly text: string;
  readonly at: SourceLocation;
}

/** Declares a notification template; reference it in a receiver's text with `useTemplate`. */
export function notificationTemplate(name: string, text: string): NotificationTemplate {
  return { kind: 'notification-template', name, text, at: captureLocation() };
}

/** A text field that renders a declared template: `{{ template "name" . }}`. */
export interface TemplateReference {
  readonly kind: 'template-reference';
  readonly template: NotificationTemplate;
}

export function useTemplate(template: NotificationTemplate): TemplateReference {
  return { kind: 'template-reference', template };
}

/** A notification text: Go template text, or a reference to a declared template. */
export type NotificationText = string | TemplateReference;
