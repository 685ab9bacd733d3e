import { Component } from 'react';

/**
 * Catches a page that failed to render, most often a code chunk that no longer exists
 * after a deploy (the tab is older than the server). Offers a reload instead of a blank page.
 */
export class HostErrorBoundary extends Component<{ message: string; retry: string; children: React.ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  componentDidCatch(error: unknown) {
    console.error('Vantage host console:', error);
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="error-state" role="alert">
        <p>{this.props.message}</p>
        <button type="button" onClick={() => location.reload()}>
          {this.props.retry}
        </button>
      </div>
    );
  }
}
