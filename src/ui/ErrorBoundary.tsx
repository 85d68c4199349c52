import { Component, type ReactNode } from 'react';

interface Props {
  what: string;
  children: ReactNode;
}

/** A failing panel says so in a sentence and leaves the rest of the page working. */
export class ErrorBoundary extends Component<Props, { error: string | null }> {
  override state = { error: null as string | null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error.message : String(error) };
  }

  override render() {
    if (this.state.error)
      return (
        <p role="alert" className="error">
          The {this.props.what} failed to show: {this.state.error}{' '}
          <button type="button" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
        </p>
      );
    return this.props.children;
  }
}
