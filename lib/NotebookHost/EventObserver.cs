using Microsoft.DotNet.Interactive.Events;

namespace NotebookHost;

/// <summary>Subscribes a plain callback to a kernel's event stream.</summary>
sealed class EventObserver(Action<KernelEvent> onNext) : IObserver<KernelEvent>
{
    public void OnNext(KernelEvent value) => onNext(value);
    public void OnError(Exception error) { }
    public void OnCompleted() { }
}
