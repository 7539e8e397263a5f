namespace Fenghuo.Contracts.Exercises;

/// <summary>Something that happened to one exercise: the header names the organising tenant and the exercise.</summary>
public abstract record ExerciseEvent : IntegrationEvent
{
    public Guid ExerciseId { get; init; }

    public string Title { get; init; } = "";
}
