import { useI18n } from '../i18n/useI18n.ts';

export function LoadingBlock() {
  const { t } = useI18n();
  return (
    <div className="loading-block" role="status" aria-live="polite">
      <div className="spinner" aria-hidden="true" />
      {t.loading}
    </div>
  );
}
