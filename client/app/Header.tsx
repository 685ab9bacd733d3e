import { LANGS } from '../i18n/messages.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { onLinkClick } from './router.ts';

/** Site header: home link and the language switch (remembered per browser). */
export function Header({ children }: { children?: React.ReactNode }) {
  const { t, lang, setLang } = useI18n();
  return (
    <header className="site-header">
      <a href="/" onClick={onLinkClick} className="brand">
        {t.appName}
      </a>
      <div className="header-actions">
        {children}
        <LangSwitch />
      </div>
    </header>
  );

  function LangSwitch() {
    return (
      <label className="lang-switch">
        <span className="sr-only">{t.language}</span>
        <select value={lang} onChange={(e) => setLang(e.target.value as typeof lang)} aria-label={t.language}>
          {LANGS.map((l) => (
            <option key={l} value={l}>
              {l === 'en' ? 'English' : '简体中文'}
            </option>
          ))}
        </select>
      </label>
    );
  }
}
