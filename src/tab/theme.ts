/** The three Teams themes; anything else Teams might send is shown as the default (light) theme. */
export const THEMES = ['default', 'dark', 'contrast'] as const;
export type Theme = (typeof THEMES)[number];

export function asTheme(value: string | null | undefined): Theme | undefined {
  return THEMES.find((theme) => theme === value);
}

/** `?theme=dark|contrast|default`: lets the themes be tried in a plain browser, and works as Teams' `{theme}` placeholder. */
export function themeFromQuery(search: string): Theme | undefined {
  return asTheme(new URLSearchParams(search).get('theme'));
}

export function applyTheme(theme: Theme): void {
  // tab.css holds the colours (and color-scheme) for each theme.
  document.documentElement.dataset.theme = theme;
}
