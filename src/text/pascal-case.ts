/** Words joined with each capitalised (`checkout-availability` → `CheckoutAvailability`): alert-name stems. */
export function pascalCase(name: string): string {
  return name
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}
